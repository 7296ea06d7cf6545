import "server-only";
import sharp from "sharp";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { AppError } from "@/lib/core/errors";
import { checkPixelLimit, readPngHeader } from "@/lib/core/masks";
import { readImageData } from "@/lib/core/masks/png-chunks";
import { rowBytesOf, unfilterPng } from "@/lib/core/masks/unfilter";
import type { RgbImage } from "@/lib/core/preprocess";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import { loadServerKernels } from "@/lib/server/wasm-kernels";

/**
 * Decodes a JPEG/PNG/WebP/… image to interleaved 8-bit RGB (alpha dropped,
 * grey expanded, EXIF orientation NOT applied: pixels stay as stored, like
 * the ground-truth mask). Undecodable bytes give AppError naming `name`.
 * 8-bit RGB/RGBA PNGs without a colour profile (most dataset images) are
 * decoded here with native inflate (on the thread pool) and lib/core's
 * unfiltering: the same pixels as sharp (a test compares them) for about
 * half the CPU; RGBA comes back with 4 channels, which preprocessing reads
 * as RGB. Everything else goes through sharp.
 */
export async function decodeImageRgb(bytes: Uint8Array, name: string): Promise<RgbImage> {
  const png = await decodePlainPng(bytes, name);
  if (png) return png;
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

/** Bytes an image's zlib stream may hold beyond its rows (ignored, as libpng does); more is refused as damage. */
const SLACK = 64 * 1024;
/** zlib's inflate on libuv's thread pool (one chunk the size of the image: one hop back), the calling thread only unfilters. */
const inflate = promisify(zlib.inflate);

/**
 * The fast path: a non-interlaced 8-bit RGB or RGBA PNG with no iCCP chunk
 * (sharp would convert a profile to sRGB), else null. Damage (CRC, truncated
 * data) is an error naming the file, as sharp's would be.
 */
async function decodePlainPng(bytes: Uint8Array, name: string): Promise<RgbImage | null> {
  let header;
  try {
    header = readPngHeader(bytes, name);
  } catch {
    return null; // Not a PNG (or not one this path reads): sharp decides.
  }
  if (header.bitDepth !== 8 || (header.colorType !== 2 && header.colorType !== 6) || header.interlaced) return null;
  try {
    checkPixelLimit(header, name, MAX_IMAGE_PIXELS);
    const ancillary: string[] = [];
    const stream = readImageData(bytes, name, (d) => zlib.crc32(d), ancillary);
    if (ancillary.includes("iCCP")) return null;
    loadServerKernels();
    const expected = header.height * (rowBytesOf(header) + 1);
    const inflated = await inflate(stream, { maxOutputLength: expected + SLACK, chunkSize: expected + SLACK });
    const samples = unfilterPng(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length), header, name);
    return { data: samples.data as Uint8Array, width: header.width, height: header.height, channels: samples.channels as 3 | 4 };
  } catch (error) {
    // lib/core's errors already name the file and say what is wrong (damage, pixel limit); zlib's do not.
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${name}: the image could not be decoded (${reason}).`, { cause: error });
  }
}
