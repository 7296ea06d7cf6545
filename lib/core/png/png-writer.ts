/**
 * One PNG writer for test fixtures and benchmark data: packs samples
 * (sub-byte MSB first, 16-bit big-endian), filters each row (a fixed filter
 * per row, cycling, or the libpng / Pillow heuristic "adaptive"), deflates
 * with the caller's zlib and writes the chunks. Kept apart from lib/core/masks
 * on purpose, with its own CRC: the data that checks the decoder is not made
 * by it. Pure: the caller passes the deflate (node:zlib in tests and tools).
 */

export interface PngWriterSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** width * height * channels sample values, row-major. */
  rows: ArrayLike<number>;
  /**
   * Filter type per row, cycling (default [0]; values above 4 are written as
   * given, with Paeth residuals, to make invalid files); or "adaptive": per
   * row the filter with the smallest sum of absolute signed residuals.
   */
  filters?: readonly number[] | "adaptive";
  /** PLTE entries for colour type 3. */
  palette?: readonly (readonly [number, number, number])[];
  /** Split the zlib stream over this many IDAT chunks (default 1). */
  idatChunks?: number;
  /** Insert a tEXt chunk before the image data. */
  withText?: boolean;
}

/** zlib-compresses the filtered scanlines (e.g. `(raw) => zlib.deflateSync(raw, { level: 6 })`). */
export type Deflate = (raw: Uint8Array) => Uint8Array;

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Int32Array | undefined;

/** CRC-32 (PNG/zlib polynomial) of bytes[start, end). */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** One chunk: length, type, data, CRC of type + data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function packRow(spec: PngWriterSpec, y: number, row: Uint8Array): void {
  const { width, depth } = spec;
  const n = width * CHANNELS[spec.colorType];
  row.fill(0);
  for (let i = 0; i < n; i++) {
    const v = spec.rows[y * n + i];
    if (depth === 16) {
      row[2 * i] = v >> 8;
      row[2 * i + 1] = v & 0xff;
    } else if (depth === 8) {
      row[i] = v;
    } else {
      const bit = i * depth;
      row[bit >> 3] |= v << (8 - depth - (bit & 7));
    }
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Writes filter `type`'s residuals of `row` into `out`; returns their sum of absolute signed values (the adaptive cost). */
function filterRow(type: number, row: Uint8Array, prev: Uint8Array, bpp: number, out: Uint8Array): number {
  let cost = 0;
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp] : 0;
    const b = prev[i];
    const c = i >= bpp ? prev[i - bpp] : 0;
    const predictor = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
    const v = (row[i] - predictor) & 0xff;
    out[i] = v;
    cost += v < 128 ? v : 256 - v;
  }
  return cost;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Builds the PNG file bytes for `spec`, compressing the scanlines with `deflate`. */
export function writePng(spec: PngWriterSpec, deflate: Deflate): Uint8Array {
  const { width, height, colorType, depth } = spec;
  const channels = CHANNELS[colorType];
  const rowBytes = Math.ceil((width * depth * channels) / 8);
  const bpp = Math.max(1, (depth * channels) >> 3);
  const filters = spec.filters ?? [0];
  const raw = new Uint8Array(height * (rowBytes + 1));
  let row = new Uint8Array(rowBytes);
  let prev = new Uint8Array(rowBytes);
  const candidate = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    packRow(spec, y, row);
    const at = y * (rowBytes + 1);
    if (filters === "adaptive") {
      let bestCost = Infinity;
      for (let type = 0; type < 5; type++) {
        const cost = filterRow(type, row, prev, bpp, candidate);
        if (cost < bestCost) {
          bestCost = cost;
          raw[at] = type;
          raw.set(candidate, at + 1);
        }
      }
    } else {
      raw[at] = filters[y % filters.length];
      filterRow(raw[at], row, prev, bpp, raw.subarray(at + 1, at + 1 + rowBytes));
    }
    [prev, row] = [row, prev];
  }
  const extra = [];
  if (spec.palette) extra.push(pngChunk("PLTE", Uint8Array.from(spec.palette.flat())));
  if (spec.withText) extra.push(pngChunk("tEXt", new TextEncoder().encode("Comment\0made by png-writer")));
  return assemblePng({ width, height, colorType, depth }, deflate(raw), { extra, idatChunks: spec.idatChunks });
}

/**
 * The PNG file around an already compressed image: signature, IHDR, any
 * `extra` chunks (whole, e.g. PLTE), the zlib stream split over
 * `idatChunks` IDAT chunks (default 1), IEND.
 */
export function assemblePng(
  header: { width: number; height: number; colorType: PngWriterSpec["colorType"]; depth: PngWriterSpec["depth"] },
  zlibStream: Uint8Array,
  opts: { extra?: Uint8Array[]; idatChunks?: number } = {},
): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, header.width);
  view.setUint32(4, header.height);
  ihdr.set([header.depth, header.colorType, 0, 0, 0], 8);
  const parts = [Uint8Array.from(SIGNATURE), pngChunk("IHDR", ihdr), ...(opts.extra ?? [])];
  const pieces = opts.idatChunks ?? 1;
  const step = Math.ceil(zlibStream.length / pieces);
  for (let i = 0; i < pieces; i++) parts.push(pngChunk("IDAT", zlibStream.subarray(i * step, Math.min(zlibStream.length, (i + 1) * step))));
  parts.push(pngChunk("IEND", new Uint8Array(0)));
  return concat(parts);
}
