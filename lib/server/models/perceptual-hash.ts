import "server-only";
import sharp from "sharp";
import { DCT_HASH_GRID, dctHash } from "@/lib/core/leakage";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";

/** Longest side sharp shrinks to before the exact 64 x 64 area average: keeps hashing a 24-megapixel photo at a few ms. */
const PRE_SHRINK_SIDE = 4 * DCT_HASH_GRID;

/**
 * The 256-bit perceptual hash (64 hex characters, lib/core/leakage
 * `dctHash`) of an encoded image (PNG/JPEG/WebP/…) for leakage checks.
 * sharp decodes (alpha dropped, EXIF orientation not applied, like the
 * masks) and, for large images, shrinks to at most 256 pixels a side (a
 * multiple of the 64 x 64 grid, so the result matches the pure core hash of
 * the full image to within a few bits); the grey reduction and the bits come
 * from the pure `dctHash`, so hashes computed from raw pixels elsewhere
 * agree. Throws when the bytes are not a decodable image.
 */
export async function perceptualHash(bytes: Uint8Array): Promise<string> {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS });
  const meta = await image.metadata();
  let pipeline = image.removeAlpha().toColourspace("srgb");
  if ((meta.width ?? 0) > PRE_SHRINK_SIDE * 2 || (meta.height ?? 0) > PRE_SHRINK_SIDE * 2) {
    pipeline = pipeline.resize(PRE_SHRINK_SIDE, PRE_SHRINK_SIDE, { fit: "fill", kernel: "linear", fastShrinkOnLoad: false });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return dctHash({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 });
}
