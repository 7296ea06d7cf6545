import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { encode } from "fast-png";
import tar from "tar-stream";
import { encodeLabelMap } from "@/lib/core/masks";

/** Test helpers: small PNGs, dataset trees and archives written to temp folders. */

export async function makeTempDir(prefix = "intersect-import-test-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An RGB PNG of w x h with a gradient. */
export function rgbPng(width: number, height: number, seed = 0): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([(i + seed) % 256, (i * 3) % 256, seed % 256], i * 3);
  return encode({ width, height, data, channels: 3, depth: 8 });
}

/** A grey label-map PNG whose pixels cycle through `values`. */
export function maskPng(width: number, height: number, values: readonly number[]): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = values[i % values.length];
  return encodeLabelMap({ width, height, data });
}

/** A palette PNG whose indices cycle through `values`, with the given palette. */
export function palettePng(width: number, height: number, values: readonly number[], palette: [number, number, number][]): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = values[i % values.length];
  return encode({ width, height, data, channels: 1, depth: 8, palette });
}

/** An RGB colour mask whose pixels cycle through `colors`. */
export function colorMaskPng(width: number, height: number, colors: readonly [number, number, number][]): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(colors[i % colors.length], i * 3);
  return encode({ width, height, data, channels: 3, depth: 8 });
}

/** A PNG signature + IHDR claiming `width` x `height` (grey 8-bit), then a token IDAT/IEND: a decompression-bomb header. */
export function bombPngHeader(width: number, height: number): Uint8Array {
  const real = encodeLabelMap({ width: 1, height: 1, data: new Uint8Array(1) });
  const out = new Uint8Array(real);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  let c = -1;
  for (let i = 12; i < 29; i++) {
    c ^= out[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  view.setUint32(29, (c ^ -1) >>> 0);
  return out;
}

/** Writes `files` (relative path -> bytes or text) below `dir`. */
export async function writeTree(dir: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
}

export interface TarEntryInput {
  name: string;
  data?: Uint8Array | string;
  type?: tar.Header["type"];
  linkname?: string;
  /** Stream this many zero bytes instead of `data` (memory tests). */
  zeros?: number;
}

/** Writes a .tar or .tar.gz with tar-stream (entries streamed, so large ones never sit in memory). */
export async function writeTar(file: string, entries: Iterable<TarEntryInput>, gzip: boolean): Promise<void> {
  const pack = tar.pack();
  const out = createWriteStream(file);
  const done = gzip ? pipeline(pack, createGzip({ level: 1 }), out) : pipeline(pack, out);
  for (const e of entries) {
    if (e.zeros !== undefined) {
      const chunk = Buffer.alloc(1 << 20);
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name: e.name, size: e.zeros }, (err) => (err ? reject(err) : resolve()));
        const src = Readable.from((function* () {
          for (let left = e.zeros!; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
        })());
        src.pipe(entry as unknown as NodeJS.WritableStream);
      });
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const data = e.data === undefined ? undefined : typeof e.data === "string" ? Buffer.from(e.data) : Buffer.from(e.data);
      pack.entry({ name: e.name, type: e.type ?? "file", linkname: e.linkname, size: data?.length ?? 0 }, data ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
}

/** A gzipped tar of `count` empty files built directly (fast even for 100,000 entries). */
export function manyEmptyFilesTarGz(count: number, opts: { damagedFrom?: number } = {}): Uint8Array {
  const out = Buffer.alloc(count * 512 + 1024);
  for (let i = 0; i < count; i++) {
    const h = out.subarray(i * 512, i * 512 + 512);
    if (opts.damagedFrom !== undefined && i >= opts.damagedFrom) {
      h.fill(0x41); // not a tar header (bad checksum): a reader that gets here fails on damage
      continue;
    }
    h.write(`f/${i}.txt`, 0, "ascii");
    h.write("0000644\0", 100, "ascii");
    h.write("0000000\0", 108, "ascii");
    h.write("0000000\0", 116, "ascii");
    h.write("00000000000\0", 124, "ascii");
    h.write("00000000000\0", 136, "ascii");
    h.write("        ", 148, "ascii");
    h.write("0", 156, "ascii");
    h.write("ustar\x0000", 257, "ascii");
    let sum = 0;
    for (let k = 0; k < 512; k++) sum += h[k];
    h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  }
  return gzipSync(out, { level: 1 });
}
