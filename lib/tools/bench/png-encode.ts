import { deflateSync } from "node:zlib";

/**
 * Writes an 8-bit grey or RGB PNG the way common tools (libpng, Pillow) do:
 * each row gets the filter (None/Sub/Up/Average/Paeth) with the smallest sum
 * of absolute signed residuals, then zlib level 6. Benchmark and test masks
 * written this way decode like real-world ones (CamVid's masks use Sub, Up
 * and Paeth rows), unlike a "filter None" writer that flatters a decoder.
 * Kept apart from lib/core/masks on purpose: the data that checks the decoder is
 * not made by it.
 */
export function encodePngAdaptive(width: number, height: number, data: Uint8Array, channels: 1 | 3 = 1): Uint8Array {
  if (data.length !== width * height * channels) throw new Error(`encodePngAdaptive: ${data.length} bytes do not fill ${width}x${height}x${channels}`);
  const rowBytes = width * channels;
  const bpp = channels;
  const raw = new Uint8Array((rowBytes + 1) * height);
  const candidate = new Uint8Array(rowBytes);
  const best = new Uint8Array(rowBytes);
  const zeroRow = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * rowBytes, (y + 1) * rowBytes);
    const up = y > 0 ? data.subarray((y - 1) * rowBytes, y * rowBytes) : zeroRow;
    let bestFilter = 0;
    let bestCost = Infinity;
    for (let filter = 0; filter < 5; filter++) {
      let cost = 0;
      for (let i = 0; i < rowBytes; i++) {
        const a = i >= bpp ? row[i - bpp] : 0;
        const b = up[i];
        const c = i >= bpp ? up[i - bpp] : 0;
        let predictor = 0;
        if (filter === 1) predictor = a;
        else if (filter === 2) predictor = b;
        else if (filter === 3) predictor = (a + b) >> 1;
        else if (filter === 4) {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        const v = (row[i] - predictor) & 255;
        candidate[i] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestFilter = filter;
        best.set(candidate);
      }
    }
    raw[y * (rowBytes + 1)] = bestFilter;
    raw.set(best, y * (rowBytes + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = channels === 1 ? 0 : 2;
  return concat([
    Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 6 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

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

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out, 4, 8 + body.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
