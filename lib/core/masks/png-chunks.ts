import { AppError } from "@/lib/core/errors";
import { COLOR_TYPE, DEFAULT_MAX_PIXELS, type PngHeader } from "./types";

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** True when `bytes` start with the 8-byte PNG signature (the one test of "is this a PNG" before reading chunks). */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}
const MAX_UINT31 = 0x7fffffff;
/** Bit depths allowed by the PNG specification for each colour type. */
const ALLOWED_DEPTHS: Record<number, readonly number[]> = {
  [COLOR_TYPE.grey]: [1, 2, 4, 8, 16],
  [COLOR_TYPE.rgb]: [8, 16],
  [COLOR_TYPE.palette]: [1, 2, 4, 8],
  [COLOR_TYPE.greyAlpha]: [8, 16],
  [COLOR_TYPE.rgba]: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

let crcTable: Int32Array | undefined;

function getCrcTable(): Int32Array {
  if (crcTable) return crcTable;
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  crcTable = table;
  return table;
}

/** CRC-32 (the PNG / zlib polynomial) of bytes[start, end), as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const table = getCrcTable();
  let c = -1;
  for (let i = start; i < end; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** The AppError for a file that is not a readable PNG; `reason` says what is wrong. */
export function invalidPng(fileName: string, reason: string, cause?: unknown): AppError {
  return new AppError("invalid_input", `${fileName}: not a valid PNG (${reason})`, { cause });
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function chunkType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

/** Number of interleaved samples per pixel for a PNG colour type. */
export function channelsOf(colorType: number): number {
  return CHANNELS[colorType];
}

/**
 * Reads only the PNG signature and IHDR chunk (33 bytes), so callers can check the
 * size of an image before inflating it. Validates the IHDR fields and its CRC.
 * Throws AppError("invalid_input") naming the file when the bytes are not a PNG.
 */
export function readPngHeader(bytes: Uint8Array, fileName = "label map"): PngHeader {
  if (!hasPngSignature(bytes)) {
    throw invalidPng(fileName, "the PNG signature is missing");
  }
  if (bytes.length < 33) throw invalidPng(fileName, "the file is truncated inside the header");
  if (readUint32(bytes, 8) !== 13 || chunkType(bytes, 12) !== "IHDR") {
    throw invalidPng(fileName, "the first chunk is not a 13-byte IHDR");
  }
  if (crc32(bytes, 12, 29) !== readUint32(bytes, 29)) throw invalidPng(fileName, "CRC mismatch in the IHDR chunk");
  const width = readUint32(bytes, 16);
  const height = readUint32(bytes, 20);
  const bitDepth = bytes[24];
  const colorType = bytes[25];
  if (width === 0 || height === 0 || width > MAX_UINT31 || height > MAX_UINT31) {
    throw invalidPng(fileName, `invalid size ${width}x${height}`);
  }
  const depths = ALLOWED_DEPTHS[colorType];
  if (!depths) throw invalidPng(fileName, `unknown colour type ${colorType}`);
  if (!depths.includes(bitDepth)) throw invalidPng(fileName, `bit depth ${bitDepth} is not allowed for colour type ${colorType}`);
  if (bytes[26] !== 0) throw invalidPng(fileName, `unknown compression method ${bytes[26]}`);
  if (bytes[27] !== 0) throw invalidPng(fileName, `unknown filter method ${bytes[27]}`);
  if (bytes[28] > 1) throw invalidPng(fileName, `unknown interlace method ${bytes[28]}`);
  return { width, height, bitDepth, colorType, interlaced: bytes[28] === 1 };
}

/**
 * Refuses an image whose header announces more than `maxPixels` pixels, before
 * any decompression (a small file can inflate to gigabytes).
 */
export function checkPixelLimit(header: { width: number; height: number }, fileName: string, maxPixels = DEFAULT_MAX_PIXELS): void {
  const pixels = header.width * header.height;
  if (pixels > maxPixels) {
    throw new AppError(
      "too_large",
      `${fileName}: image is ${header.width}x${header.height} (${pixels} pixels), more than the limit of ${maxPixels} pixels`,
    );
  }
}

/** A CRC-32 of a whole byte array (the PNG / zlib polynomial, unsigned), e.g. Node's native `zlib.crc32`. */
export type Crc32 = (bytes: Uint8Array) => number;

/**
 * Walks every chunk after IHDR, checks lengths and CRCs, and returns the zlib
 * stream of the image (the IDAT payloads, joined when there are several).
 * Ancillary chunks are skipped; an unknown critical chunk, a missing IEND or a
 * chunk running past the end of the file is an error. `crc` computes the
 * CRCs (this module's crc32 by default; a host may lend a native one); the
 * types of the ancillary chunks skipped are pushed onto `ancillary` if given.
 */
export function readImageData(bytes: Uint8Array, fileName: string, crc?: Crc32, ancillary?: string[]): Uint8Array {
  return joinParts(readImageParts(bytes, fileName, crc, ancillary));
}

/**
 * readImageData without the join: the IDAT chunks' data as views on
 * `bytes`, in order (at least one), for an inflater that takes the stream
 * in pieces. Same checks and errors.
 */
export function readImageParts(bytes: Uint8Array, fileName: string, crc?: Crc32, ancillary?: string[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let at = 33;
  for (;;) {
    if (at + 12 > bytes.length) throw invalidPng(fileName, "the file is truncated: no IEND chunk");
    const length = readUint32(bytes, at);
    const type = chunkType(bytes, at + 4);
    if (length > MAX_UINT31 || at + 12 + length > bytes.length) {
      throw invalidPng(fileName, `the file is truncated inside the ${type} chunk`);
    }
    const sum = crc ? crc(bytes.subarray(at + 4, at + 8 + length)) : crc32(bytes, at + 4, at + 8 + length);
    if (sum !== readUint32(bytes, at + 8 + length)) {
      throw invalidPng(fileName, `CRC mismatch in the ${type} chunk`);
    }
    if (type === "IEND") break;
    if (type === "IDAT") {
      parts.push(bytes.subarray(at + 8, at + 8 + length));
    } else if (type === "IHDR") {
      throw invalidPng(fileName, "a second IHDR chunk");
    } else if (type !== "PLTE" && (bytes[at + 4] & 0x20) === 0) {
      throw invalidPng(fileName, `unknown critical chunk ${type}`);
    } else if (type !== "PLTE") {
      ancillary?.push(type);
    }
    at += 12 + length;
  }
  if (parts.length === 0) throw invalidPng(fileName, "no IDAT image data");
  return parts;
}

/** The pieces of a stream as one buffer (the only piece itself, not a copy). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
