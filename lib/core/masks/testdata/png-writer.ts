/**
 * Test-only PNG writer, independent of fast-png and of lib/core/masks' decoder: packs
 * samples (sub-byte MSB first, 16-bit big-endian), applies a chosen PNG filter
 * per row (cycling through `filters`), deflates with node:zlib, and can split
 * the image data over several IDAT chunks or add an ancillary chunk. Used to
 * exercise every filter type at every bit depth and colour type.
 */
import zlib from "node:zlib";
import { crc32 } from "../png-chunks";

export interface FilteredPngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** width * height * channels sample values, row-major. */
  rows: ArrayLike<number>;
  /** Filter type per row, cycling; default [0]. */
  filters?: readonly number[];
  /** PLTE entries for colour type 3. */
  palette?: readonly (readonly [number, number, number])[];
  /** Split the zlib stream over this many IDAT chunks (default 1). */
  idatChunks?: number;
  /** Insert a tEXt chunk before the image data. */
  withText?: boolean;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function packRow(spec: FilteredPngSpec, y: number, rowBytes: number): Uint8Array {
  const { width, depth } = spec;
  const channels = CHANNELS[spec.colorType];
  const row = new Uint8Array(rowBytes);
  const n = width * channels;
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
  return row;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function filterRow(type: number, row: Uint8Array, prev: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(row.length + 1);
  out[0] = type;
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp] : 0;
    const b = prev[i];
    const c = i >= bpp ? prev[i - bpp] : 0;
    const predictor = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
    out[i + 1] = (row[i] - predictor) & 0xff;
  }
  return out;
}

/** Builds the PNG file bytes for `spec`. */
export function encodeFilteredPng(spec: FilteredPngSpec): Uint8Array {
  const { width, height, colorType, depth } = spec;
  const channels = CHANNELS[colorType];
  const rowBytes = Math.ceil((width * depth * channels) / 8);
  const bpp = Math.max(1, (depth * channels) >> 3);
  const filters = spec.filters ?? [0];
  const raw = new Uint8Array(height * (rowBytes + 1));
  let prev: Uint8Array = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = packRow(spec, y, rowBytes);
    raw.set(filterRow(filters[y % filters.length], row, prev, bpp), y * (rowBytes + 1));
    prev = row;
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([depth, colorType, 0, 0, 0], 8);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr)];
  if (spec.palette) parts.push(chunk("PLTE", Uint8Array.from(spec.palette.flat())));
  if (spec.withText) parts.push(chunk("tEXt", new TextEncoder().encode("Comment\0made by png-writer")));
  const z = new Uint8Array(zlib.deflateSync(raw, { level: 6 }));
  const pieces = spec.idatChunks ?? 1;
  const step = Math.ceil(z.length / pieces);
  for (let i = 0; i < pieces; i++) parts.push(chunk("IDAT", z.subarray(i * step, Math.min(z.length, (i + 1) * step))));
  parts.push(chunk("IEND", new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
