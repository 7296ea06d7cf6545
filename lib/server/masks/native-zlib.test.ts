import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "@/lib/core/masks/png-chunks";
import { seededInts } from "@/lib/core/masks/testdata/test-helpers";
import { inflateInto, nodeZlibHost } from "./native-zlib";

/** Label-like bytes: runs of a few values with some noise, `n` long. */
function labelBytes(n: number, seed: number): Uint8Array {
  const rand = seededInts(seed);
  const out = new Uint8Array(n);
  for (let i = 0, v = 0; i < n; i++) {
    if (rand(40) === 0) v = rand(20);
    out[i] = rand(30) === 0 ? rand(256) : v;
  }
  return out;
}

describe("inflateInto (zlib's native handle, reused)", () => {
  it("writes what inflateSync returns, at every size and compression level, into buffers with room to spare", () => {
    const rand = seededInts(12);
    for (let t = 0; t < 60; t++) {
      const raw = labelBytes(1 + rand(t % 6 === 0 ? 3_000_000 : 20_000), t);
      const stream = zlib.deflateSync(raw, { level: rand(10) });
      const out = new Uint8Array(raw.length + 1 + rand(100));
      const written = inflateInto(stream, out);
      expect(written, `case ${t}`).toBe(raw.length);
      expect(Buffer.compare(out.subarray(0, written), zlib.inflateSync(stream)), `case ${t}`).toBe(0);
    }
  });

  it("gives -1 when the output would fill the buffer or pass the limit, or the stream is damaged, and works on afterwards", () => {
    const raw = labelBytes(50_000, 3);
    const stream = zlib.deflateSync(raw);
    expect(inflateInto(stream, new Uint8Array(raw.length))).toBe(-1);
    expect(inflateInto(stream, new Uint8Array(raw.length + 10), raw.length - 1)).toBe(-1);
    expect(inflateInto(stream, new Uint8Array(raw.length + 10), raw.length)).toBe(raw.length);
    expect(inflateInto(stream.subarray(0, stream.length - 100), new Uint8Array(raw.length + 10))).toBe(-1);
    const corrupt = new Uint8Array(stream);
    corrupt[corrupt.length - 1] ^= 0xff;
    expect(inflateInto(corrupt, new Uint8Array(raw.length + 10))).toBe(-1);
    expect(inflateInto(Uint8Array.from([1, 2, 3, 4, 5]), new Uint8Array(100))).toBe(-1);
    const out = new Uint8Array(raw.length + 10);
    expect(inflateInto(stream, out)).toBe(raw.length);
    expect(Buffer.compare(out.subarray(0, raw.length), raw)).toBe(0);
  });

  it("ignores bytes after the end of the stream, as inflateSync does", () => {
    const raw = labelBytes(10_000, 4);
    const stream = Buffer.concat([zlib.deflateSync(raw), Buffer.from([9, 9, 9])]);
    expect(zlib.inflateSync(stream).length).toBe(raw.length);
    expect(inflateInto(stream, new Uint8Array(raw.length + 5))).toBe(raw.length);
  });

  it("takes the stream in pieces (a PNG's IDAT chunks) with the same result, limits and refusals as in one buffer", () => {
    const rand = seededInts(21);
    for (let trial = 0; trial < 20; trial++) {
      const raw = labelBytes(1000 + rand(80_000), 30 + trial);
      const stream = zlib.deflateSync(raw, { level: 1 + (trial % 9) });
      // Cut points, some repeated, so that empty pieces occur too.
      const cuts = Array.from({ length: rand(6) }, () => rand(stream.length + 1)).sort((a, b) => a - b);
      const parts = [0, ...cuts, stream.length].slice(1).map((end, i, ends) => stream.subarray(i === 0 ? 0 : ends[i - 1], end));
      const out = new Uint8Array(raw.length + 7);
      expect(inflateInto(parts, out)).toBe(raw.length);
      expect(Buffer.compare(out.subarray(0, raw.length), raw)).toBe(0);
      expect(inflateInto(parts, new Uint8Array(raw.length))).toBe(-1);
      expect(inflateInto(parts, new Uint8Array(raw.length + 7), raw.length - 1)).toBe(-1);
    }
    const raw = labelBytes(40_000, 5);
    const stream = zlib.deflateSync(raw);
    const half = stream.length >> 1;
    expect(inflateInto([stream.subarray(0, half)], new Uint8Array(raw.length + 10))).toBe(-1);
    const corrupt = new Uint8Array(stream);
    corrupt[half] ^= 0xff;
    expect(inflateInto([corrupt.subarray(0, half), corrupt.subarray(half)], new Uint8Array(raw.length + 10))).toBe(-1);
    // Too small an output in the first piece already.
    expect(inflateInto([stream.subarray(0, stream.length - 10), stream.subarray(stream.length - 10)], new Uint8Array(100))).toBe(-1);
    expect(inflateInto([stream.subarray(0, half), stream.subarray(half)], new Uint8Array(raw.length + 10))).toBe(raw.length);
  });
});

describe("nodeZlibHost", () => {
  it("checks CRCs as lib/core's TypeScript CRC-32 does", () => {
    const host = nodeZlibHost(100, 1000);
    const rand = seededInts(8);
    for (let t = 0; t < 50; t++) {
      const bytes = Uint8Array.from({ length: rand(5000) }, () => rand(256));
      const from = rand(bytes.length + 1);
      const part = bytes.subarray(from);
      expect(host.crc32 ? host.crc32(part) : crc32(part)).toBe(crc32(bytes, from));
    }
  });

  it("caps inflateSync at maxOutputLength", () => {
    const stream = zlib.deflateSync(new Uint8Array(5000));
    expect(() => nodeZlibHost(5000, 4999).inflate(stream)).toThrow();
    expect(nodeZlibHost(5000, 5000).inflate(stream).length).toBe(5000);
  });
});
