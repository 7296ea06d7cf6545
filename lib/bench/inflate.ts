import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

/** The concatenated IDAT payload (one zlib stream) of a PNG file; chunk CRCs are not checked. */
export function extractIdat(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7]);
    if (type === "IDAT") {
      parts.push(bytes.subarray(offset + 8, offset + 8 + length));
      total += length;
    }
    if (type === "IEND") break;
    offset += 12 + length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** IDAT streams of the given files, read and extracted up front so that only inflating is timed. */
export function loadIdatStreams(files: readonly string[]): Uint8Array[] {
  return files.map((f) => extractIdat(readFileSync(f)));
}

/**
 * Inflates every stream once with node:zlib on this thread and returns the
 * seconds taken and the bytes produced: the floor any PNG decoder on one
 * core can approach.
 */
export function timeInflate(streams: readonly Uint8Array[]): { seconds: number; outputBytes: number } {
  let outputBytes = 0;
  const t0 = performance.now();
  for (const s of streams) outputBytes += inflateSync(s).length;
  return { seconds: (performance.now() - t0) / 1000, outputBytes };
}
