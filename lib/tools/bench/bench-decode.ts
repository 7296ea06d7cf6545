/**
 * Decode timing of lib/core/masks on real and realistic masks, run by hand (not part
 * of the test suite): `npx tsx lib/tools/bench/bench-decode.ts [--sets-only]`.
 *
 * 1. Per mask set: ms per file for zlib inflate alone (of the IDAT stream) and
 *    for the full `decodeLabelMapWith(bytes, zlib.inflateSync)` (chunk walk with
 *    CRCs, inflate, unfilter, label array), each the median of 5 passes over
 *    the set (after a warm-up pass); (decode - inflate) / inflate, what decoding
 *    costs on top of inflating, with and without the chunk walk (timed apart):
 *    the unfilter + label array share has the target <= 1.2x (medians of the
 *    5 passes' ratios); and the filter types the rows use. Sets:
 *    full-HD street scenes written like libpng / Pillow (adaptive filter per
 *    row; data/bench/street-1920x1080 from `npm run bench` if present, else 4
 *    generated in memory) and their predictions, CamVid val masks (written by
 *    PIL), and the street scenes re-labelled as 8-bit palette PNGs (the same
 *    image data plus a PLTE chunk).
 * 2. fast-png (decodeLabelMap) vs own unfilter + node:zlib vs inflate alone on
 *    single inputs: a CamVid mask, the VOC palette mask, and a CamVid mask
 *    upscaled 4x to 1920x1080 and written with every row Paeth-filtered (the
 *    slowest filter to undo) as 8-bit grey, 16-bit grey and RGB.
 * Numbers move with machine load: compare ratios from the same run. The CLI
 * runs an esbuild bundle of this code, which V8 may optimise a little
 * differently from tsx's per-file modules.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { encodePngAdaptive } from "./png-encode";
import { generateStreetScene } from "./street-scene";
import { decodeLabelMap, decodeLabelMapWith } from "@/lib/core/masks/decode";
import { crc32, readImageData, readPngHeader } from "@/lib/core/masks/png-chunks";
import type { Rgb } from "@/lib/core/masks/types";
import { rowBytesOf } from "@/lib/core/masks/unfilter";
import { datasetsDir, readBytes, repoRoot } from "@/lib/core/masks/testdata/fixtures";
import { encodeFilteredPng } from "@/lib/core/masks/testdata/png-writer";

const inflate = (d: Uint8Array) => zlib.inflateSync(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Up to `limit` PNG files of a folder, read into memory; [] when the folder is absent. */
function readFolder(dir: string, limit: number): Uint8Array[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => n.endsWith(".png")).sort().slice(0, limit);
  return names.map((n) => readBytes(path.join(dir, n)));
}

/** The same PNG as colour type 3 (8-bit palette, 256 grey entries): identical image data. */
function asPalette(png: Uint8Array): Uint8Array {
  const plte = new Uint8Array(12 + 768);
  const view = new DataView(plte.buffer);
  view.setUint32(0, 768);
  plte.set([80, 76, 84, 69], 4);
  for (let i = 0; i < 256; i++) plte.set([i, i, i], 8 + 3 * i);
  view.setUint32(8 + 768, crc32(plte, 4, 8 + 768));
  const out = new Uint8Array(png.length + plte.length);
  out.set(png.subarray(0, 33));
  out[25] = 3;
  new DataView(out.buffer).setUint32(29, crc32(out, 12, 29));
  out.set(plte, 33);
  out.set(png.subarray(33), 33 + plte.length);
  return out;
}

/** Share of rows per filter type (None, Sub, Up, Average, Paeth) over the files. */
function filterMix(files: Uint8Array[]): string {
  const counts = [0, 0, 0, 0, 0];
  for (const png of files) {
    const header = readPngHeader(png);
    const rowBytes = rowBytesOf(header);
    const data = inflate(readImageData(png, "mix"));
    for (let y = 0; y < header.height; y++) counts[data[y * (rowBytes + 1)]]++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return ["None", "Sub", "Up", "Average", "Paeth"].map((name, i) => `${name} ${((100 * counts[i]) / total).toFixed(1)}%`).join(", ");
}

/** Prints inflate-alone and full-decode ms per file for one set (median of 5 passes after a warm-up pass). */
function benchSet(label: string, files: Uint8Array[]): void {
  if (files.length === 0) {
    console.log(`${label}: no files, skipped`);
    return;
  }
  const idats = files.map((png) => readImageData(png, label));
  const inflateMs: number[] = [];
  const decodeMs: number[] = [];
  const walkMs: number[] = [];
  const extras: number[] = [];
  const unfilters: number[] = [];
  for (let pass = 0; pass < 6; pass++) {
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < files.length; i++) {
      let t = performance.now();
      inflate(idats[i]);
      a += performance.now() - t;
      t = performance.now();
      decodeLabelMapWith(files[i], inflate, { fileName: label });
      b += performance.now() - t;
      t = performance.now();
      readImageData(files[i], label);
      c += performance.now() - t;
    }
    if (pass === 0) continue;
    inflateMs.push(a / files.length);
    decodeMs.push(b / files.length);
    walkMs.push(c / files.length);
    extras.push((b - a) / a);
    unfilters.push((b - a - c) / a);
  }
  const { width, height } = readPngHeader(files[0]);
  // The three timings alternate file by file, so ratios within a pass share its load: their medians are the steadiest figures.
  const extra = median(extras);
  const unfilter = median(unfilters);
  console.log(`${label} (${files.length} files, ${width}x${height}; rows: ${filterMix(files)})`);
  console.log(
    `  ms/file (medians of 5 passes): inflate alone ${median(inflateMs).toFixed(3)} | full decode ${median(decodeMs).toFixed(3)} | of which chunk walk + CRCs ${median(walkMs).toFixed(3)}`,
  );
  console.log(
    `  decode - inflate = ${extra.toFixed(2)}x inflate; without the chunk walk (unfilter + label array) ${unfilter.toFixed(2)}x [target <= 1.2x: ${unfilter <= 1.2 ? "PASS" : "MISS"}]`,
  );
}

function benchSets(): void {
  const benchDir = path.join(repoRoot, "data/bench/street-1920x1080");
  let street = readFolder(path.join(benchDir, "gt"), 24);
  if (street.length === 0) {
    console.log("data/bench/street-1920x1080 is absent (run npm run bench once to cache it): generating 4 street scenes in memory");
    street = [1, 2, 3, 4].map((seed) => encodePngAdaptive(1920, 1080, generateStreetScene(1920, 1080, seed)));
  }
  benchSet("street scenes, 8-bit grey", street);
  benchSet("street predictions, 8-bit grey", readFolder(path.join(benchDir, "pred"), 24));
  benchSet("street scenes as 8-bit palette", street.map(asPalette));
  benchSet("CamVid val masks (PIL), 8-bit grey", readFolder(path.join(datasetsDir, "camvid/val/masks"), 1000));
}

function timeMs(fn: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

function upscale4(src: Uint8Array, width: number, height: number, outW: number, outH: number): Uint8Array {
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    const row = Math.min(height - 1, y >> 2) * width;
    for (let x = 0; x < outW; x++) out[y * outW + x] = src[row + Math.min(width - 1, x >> 2)];
  }
  return out;
}

function benchDecoders(): void {
  const camvid = readBytes(path.join(datasetsDir, "camvid/val/masks/0016E5_07959.png"));
  const small = decodeLabelMap(camvid);
  const big = upscale4(small.data as Uint8Array, small.width, small.height, 1920, 1080);
  const table: Rgb[] = Array.from({ length: 12 }, (_, i) => [i * 20, 255 - i * 20, (i * 97) % 256]);
  const rgb = new Uint8Array(big.length * 3);
  big.forEach((v, i) => rgb.set(table[v], 3 * i));
  const inputs: [string, Uint8Array][] = [
    ["camvid 480x360 grey8", camvid],
    ["voc 500x375 palette8", readBytes(path.join(datasetsDir, "voc2012_palette/masks/2007_000063.png"))],
    ["1920x1080 grey8 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 0, depth: 8, rows: big, filters: [4] })],
    ["1920x1080 grey16 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 0, depth: 16, rows: big, filters: [4] })],
    ["1920x1080 rgb8 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 2, depth: 8, rows: rgb, filters: [4] })],
  ];
  for (const [label, bytes] of inputs) {
    const runs = bytes.length > 10_000 ? 30 : 300;
    const idat = readImageData(bytes, label);
    const fast = timeMs(() => decodeLabelMap(bytes, { colorTable: table }), runs);
    const own = timeMs(() => decodeLabelMapWith(bytes, inflate, { colorTable: table }), runs);
    const bare = timeMs(() => inflate(idat), runs);
    console.log(`${label.padEnd(25)} fast-png ${fast.toFixed(3)} ms | own unfilter + zlib ${own.toFixed(3)} ms | zlib inflate alone ${bare.toFixed(3)} ms`);
  }
}

benchSets();
if (!process.argv.includes("--sets-only")) {
  console.log("\nsingle inputs (mean of 30-300 runs):");
  benchDecoders();
}
