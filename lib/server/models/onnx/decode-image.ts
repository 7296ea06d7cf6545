import "server-only";
import sharp from "sharp";
import { AppError } from "@/lib/core/errors";
import type { RgbImage } from "@/lib/core/preprocess";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";

/**
 * Decodes a JPEG/PNG/WebP/… image to interleaved 8-bit RGB (alpha dropped,
 * grey expanded, EXIF orientation NOT applied: pixels stay as stored, like
 * the ground-truth mask). Undecodable bytes give AppError naming `name`.
 */
export async function decodeImageRgb(bytes: Uint8Array, name: string): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${name}: the image could not be decoded (${reason}).`, { cause: error });
  }
}
