/**
 * The floor of any Node tool that reads PNG masks: `node lib/tools/bench/inflate-only.mjs GT_DIR PRED_DIR`
 * reads every GT_DIR/*.png and its PRED_DIR namesake, takes the IDAT data out of each (no CRC check,
 * no unfiltering, no counting) and inflates it with node:zlib on this one thread, output buffer sized
 * from the header as the CLI's inflateSync fallback sizes it. `npm run bench` times it as a process, start-up included, beside
 * the CLI. Plain JavaScript with no imports beyond Node's, so that it starts as fast as Node can.
 */
/* global process, Buffer */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function inflatePng(file) {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const rowBytes = Math.ceil((width * bytes[24] * (CHANNELS[bytes[25]] ?? 4)) / 8);
  const parts = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") parts.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === "IEND") break;
    at += 12 + length;
  }
  const stream = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  return inflateSync(stream, { chunkSize: Math.max(64, height * (rowBytes + 1)) }).length;
}

const [gtDir, predDir] = process.argv.slice(2);
let bytesOut = 0;
for (const name of readdirSync(gtDir).filter((f) => f.endsWith(".png"))) {
  bytesOut += inflatePng(path.join(gtDir, name)) + inflatePng(path.join(predDir, name));
}
process.stdout.write(`${bytesOut}\n`);
