/**
 * Decode timing of lib/masks on real masks, run by hand (not part of the test suite):
 *   npx tsx lib/masks/testdata/bench-decode.ts
 * Compares fast-png (decodeLabelMap), the own unfilter with node:zlib
 * (decodeLabelMapWith) and bare zlib inflate of the IDAT stream, on a CamVid
 * mask (480x360), the VOC palette mask (500x375) and 1920x1080 masks made by
 * upscaling a CamVid mask 4x (nearest), written by the test PNG writer
 * (node:zlib level 6, every row Paeth-filtered: the slowest filter to undo) as
 * 8-bit grey, 16-bit grey and RGB (12-colour table).
 */
import path from "node:path";
import zlib from "node:zlib";
import { decodeLabelMap, decodeLabelMapWith } from "../decode";
import { encodeFilteredPng } from "./png-writer";
import { datasetsDir, readBytes } from "./fixtures";
import { readImageData } from "../png-chunks";
import type { Rgb } from "../types";

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

const camvidFile = path.join(datasetsDir, "camvid/val/masks/0016E5_07959.png");
const camvid = readBytes(camvidFile);
const small = decodeLabelMap(camvid);
const big = upscale4(small.data as Uint8Array, small.width, small.height, 1920, 1080);
const table: Rgb[] = Array.from({ length: 12 }, (_, i) => [i * 20, 255 - i * 20, (i * 97) % 256]);
const rgb = Array.from(big).flatMap((v) => table[v]);
const inputs: [string, Uint8Array][] = [
  ["camvid 480x360 grey8", camvid],
  ["voc 500x375 palette8", readBytes(path.join(datasetsDir, "voc2012_palette/masks/2007_000063.png"))],
  ["1920x1080 grey8 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 0, depth: 8, rows: big, filters: [4] })],
  ["1920x1080 grey16 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 0, depth: 16, rows: big, filters: [4] })],
  ["1920x1080 rgb8 (paeth)", encodeFilteredPng({ width: 1920, height: 1080, colorType: 2, depth: 8, rows: rgb, filters: [4] })],
];
const inflate = (d: Uint8Array) => zlib.inflateSync(d);
for (const [label, bytes] of inputs) {
  const runs = bytes.length > 10_000 ? 30 : 300;
  const idat = readImageData(bytes, label);
  const fast = timeMs(() => decodeLabelMap(bytes, { colorTable: table }), runs);
  const own = timeMs(() => decodeLabelMapWith(bytes, inflate, { colorTable: table }), runs);
  const bare = timeMs(() => zlib.inflateSync(idat), runs);
  console.log(`${label.padEnd(25)} fast-png ${fast.toFixed(3)} ms | own unfilter + zlib ${own.toFixed(3)} ms | zlib inflate alone ${bare.toFixed(3)} ms`);
}
