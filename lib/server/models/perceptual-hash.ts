import "server-only";
import sharp from "sharp";
import { differenceHash } from "@/lib/core/leakage";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";

/** Longest side sharp shrinks to before the exact 9 x 8 area average: keeps hashing a 24-megapixel photo at a few ms. */
const PRE_SHRINK_SIDE = 288;

/**
 * The 64-bit dHash (16 hex characters) of an encoded image (PNG/JPEG/WebP/…)
 * for leakage checks. sharp decodes (alpha dropped, EXIF orientation not
 * applied, like the masks) and, for large images, shrinks to at most 288
 * pixels a side with its area-averaging kernel (a multiple of the 9 x 8 grid,
 * so the result matches the pure core hash of the full image to within
 * rounding); the grey 9 x 8 reduction and the bits come from the pure
 * `differenceHash`, so hashes computed from raw pixels elsewhere agree.
 * Throws when the bytes are not a decodable image.
 */
export async function perceptualHash(bytes: Uint8Array): Promise<string> {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS });
  const meta = await image.metadata();
  let pipeline = image.removeAlpha().toColourspace("srgb");
  if ((meta.width ?? 0) > PRE_SHRINK_SIDE * 2 || (meta.height ?? 0) > PRE_SHRINK_SIDE * 2) {
    pipeline = pipeline.resize(PRE_SHRINK_SIDE, PRE_SHRINK_SIDE, { fit: "fill", kernel: "linear", fastShrinkOnLoad: false });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return differenceHash({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 });
}
