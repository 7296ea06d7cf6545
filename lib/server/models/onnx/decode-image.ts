import "server-only";
import sharp from "sharp";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { AppError } from "@/lib/core/errors";
import { checkPixelLimit, readPngHeader } from "@/lib/core/masks";
import { joinParts, readImageParts } from "@/lib/core/masks/png-chunks";
import type { PngHeader } from "@/lib/core/masks/types";
import { slotTarget } from "@/lib/core/masks/unfilter-wasm";
import { inWasmMemory, reserveSlots, wasmKernels } from "@/lib/core/wasm/kernels";
import { rowBytesOf, unfilterPng } from "@/lib/core/masks/unfilter";
import type { RgbImage } from "@/lib/core/preprocess";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import { inflateInto, nativeCrc32 } from "@/lib/server/masks/native-zlib";

/**
 * Decodes a JPEG/PNG/WebP/… image to interleaved 8-bit RGB (alpha dropped,
 * grey expanded, EXIF orientation NOT applied: pixels stay as stored, like
 * the ground-truth mask) and hands it to `consume`, whose result is returned.
 * Undecodable bytes give AppError naming `name`. 8-bit RGB/RGBA PNGs without
 * a colour profile (most dataset images) are decoded here with native inflate
 * and lib/core's unfiltering: the same pixels as sharp (a test compares them)
 * for about half the CPU; RGBA comes back with 4 channels, which
 * preprocessing reads as RGB. With lib/core's wasm kernels loaded such an
 * image is inflated and unfiltered inside a wasm slot, with no buffer of its
 * own, and `consume` runs synchronously on that view: the pixels are only valid
 * during the call. Everything else goes through sharp.
 */
export async function withDecodedImage<T>(bytes: Uint8Array, name: string, consume: (image: RgbImage) => T): Promise<T> {
  loadServerKernels();
  const png = plainPng(bytes, name);
  if (png) {
    const inSlot = decodeInSlot(png, name, consume);
    if (inSlot) return inSlot.value;
    return consume(await decodeOnPool(png, name));
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return consume({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${name}: the image could not be decoded (${reason}).`, { cause: error });
  }
}

/** withDecodedImage's pixels in a buffer of their own (for callers that keep them past an await). */
export function decodeImageRgb(bytes: Uint8Array, name: string): Promise<RgbImage> {
  return withDecodedImage(bytes, name, (image) => (isWasmView(image.data) ? { ...image, data: image.data.slice() } : image));
}

function isWasmView(data: Uint8Array): boolean {
  const k = wasmKernels();
  return k !== null && inWasmMemory(k, data);
}

/**
 * Largest inflated image decoded inside a wasm slot (~10 MP of RGB): the
 * module's memory never shrinks, so a bigger image takes the thread-pool
 * path rather than leave both slots that big for the life of the process.
 */
const MAX_IN_SLOT_BYTES = 32 * 2 ** 20;

/** Bytes an image's zlib stream may hold beyond its rows (ignored, as libpng does); more is refused as damage. */
const SLACK = 64 * 1024;
/** zlib's inflate on libuv's thread pool (one chunk the size of the image: one hop back), the calling thread only unfilters. */
const inflate = promisify(zlib.inflate);

interface PlainPng {
  header: PngHeader;
  /** The zlib stream: the IDAT chunks' data in order (views on the file, CRCs checked), inflated without joining them. */
  parts: Uint8Array[];
  /** Inflated bytes of the rows, each with its filter byte. */
  expected: number;
}

/**
 * A non-interlaced 8-bit RGB or RGBA PNG with no iCCP chunk (sharp would
 * convert a profile to sRGB), else null. Damage (CRC, truncated data) is an
 * error naming the file, as sharp's would be.
 */
function plainPng(bytes: Uint8Array, name: string): PlainPng | null {
  let header;
  try {
    header = readPngHeader(bytes, name);
  } catch {
    return null; // Not a PNG (or not one this path reads): sharp decides.
  }
  if (header.bitDepth !== 8 || (header.colorType !== 2 && header.colorType !== 6) || header.interlaced) return null;
  checkPixelLimit(header, name, MAX_IMAGE_PIXELS);
  const ancillary: string[] = [];
  const parts = readImageParts(bytes, name, nativeCrc32, ancillary);
  if (ancillary.includes("iCCP")) return null;
  return { header, parts, expected: header.height * (rowBytesOf(header) + 1) };
}

function asRgb(samples: { data: Uint8Array | Uint16Array; channels: number }, header: PngHeader): RgbImage {
  return { data: samples.data as Uint8Array, width: header.width, height: header.height, channels: samples.channels as 3 | 4 };
}

/**
 * Inflates into wasm slot 0 on this thread through the reused native handle
 * (no stream set-up, no output buffer, no copies) and runs `consume` on the
 * unfiltered view before anything else can touch the slot. Null when the
 * kernels or the handle are missing, the image is over MAX_IN_SLOT_BYTES, or
 * the stream is damaged: decodeOnPool then decides (and names the damage).
 */
function decodeInSlot<T>(png: PlainPng, name: string, consume: (image: RgbImage) => T): { value: T } | null {
  const k = wasmKernels();
  if (k === null || png.expected + SLACK > MAX_IN_SLOT_BYTES || !reserveSlots(k, png.expected + SLACK)) return null;
  const target = slotTarget(0);
  const written = target ? inflateInto(png.parts, target, png.expected + SLACK) : -1;
  if (!target || written < png.expected) return null;
  return { value: consume(asRgb(unfilterPng(target.subarray(0, written), png.header, name, 0), png.header)) };
}

/** Native inflate on libuv's thread pool into a buffer of the image's own, then lib/core's unfiltering. */
async function decodeOnPool(png: PlainPng, name: string): Promise<RgbImage> {
  try {
    const inflated = await inflate(joinParts(png.parts), { maxOutputLength: png.expected + SLACK, chunkSize: png.expected + SLACK });
    return asRgb(unfilterPng(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length), png.header, name), png.header);
  } catch (error) {
    // lib/core's errors already name the file and say what is wrong (damage, pixel limit); zlib's do not.
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${name}: the image could not be decoded (${reason}).`, { cause: error });
  }
}
