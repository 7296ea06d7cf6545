/**
 * Memory and time of the results page's mask views and of the engine's
 * per-image work on one huge 16-bit mask pair (default 10000x10000, the
 * issue's case, and 8000x5000 = the default pixel limit).
 *
 *   npx tsx --conditions=react-server lib/tools/bench/view-memory.ts [--size WxH]...
 *
 * Each measurement runs in its own child process and reports the peak RSS
 * above the child's baseline (after loading modules and the PNG files: the
 * rise of the RSS high-water mark, or the RSS sampled every 2 ms when the
 * mark predates the work) and the wall time:
 * - old: full-size decode + full-size colourise/encode (the pre-cache code),
 * - new: renderViewPng (decode downsampled to VIEW_MAX_SIDE while inflating),
 * - both for truth, prediction, errors and all three at once,
 * - engine: decode ground truth + prediction, score, re-encode the prediction.
 * INTERSECT_MAX_IMAGE_PIXELS is raised in the children so sizes above the
 * limit can be measured (they are refused in the app).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { encodeLabelMap, renderColorizedMask, renderErrorMap, type Rgb } from "@/lib/core/masks";
import { writePng } from "@/lib/core/png/png-writer";

const VIEWS = ["truth", "prediction", "errors"] as const;
type View = (typeof VIEWS)[number];
const COLORS: Rgb[] = Array.from({ length: 300 }, (_, i) => [(i * 53) % 256, (i * 97) % 256, (i * 29) % 256]);
const DIR = path.join(os.tmpdir(), "intersect-view-memory");

/** A blocky 16-bit label map (values 256..275) as a PNG with Up filters: tiny file, huge image. */
function makeMaskPng(width: number, height: number, shift: number): Uint8Array {
  const rows = new Uint16Array(width * height);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[i++] = 256 + ((((x + shift) >> 7) + ((y + shift) >> 7)) % 20);
  }
  return writePng({ width, height, colorType: 0, depth: 16, rows, filters: [2] }, (raw) => zlib.deflateSync(raw, { level: 6 }));
}

async function child(mode: string, width: number, height: number): Promise<void> {
  const gtBytes = readFileSync(path.join(DIR, `gt-${width}x${height}.png`));
  const predBytes = readFileSync(path.join(DIR, `pred-${width}x${height}.png`));
  const { decodeMask } = await import("@/lib/server/masks/decode-mask");
  const { renderViewPng } = await import("@/lib/server/evaluation/sample-views");
  const { scoreImage } = await import("@/lib/server/evaluation/score-image");
  const read = async (sha: string) => (sha === "gt" ? gtBytes : predBytes);
  const opts = { maxPixels: width * height };
  const oldView = async (view: View): Promise<Uint8Array> => {
    const gt = view === "prediction" ? null : decodeMask(gtBytes, opts);
    const pred = view === "truth" ? null : decodeMask(predBytes, opts);
    if (view === "errors") return renderErrorMap(gt!, pred!, { ignoreValues: [] });
    return renderColorizedMask((gt ?? pred)!, COLORS, { ignoreValues: [] });
  };
  const newView = (view: View) => renderViewPng({ view, name: "bench", gtSha: "gt", predSha: "pred", colors: COLORS, ignoreValues: [] }, undefined, read);
  global.gc?.();
  const base = process.memoryUsage.rss();
  const highWater0 = process.resourceUsage().maxRSS * 1024;
  // The high-water mark may predate the work (module loading); then the sampled peak (async work yields) tells.
  let sampled = base;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 2);
  const started = performance.now();
  const [kind, what] = mode.split(":");
  let bytes = 0;
  if (kind === "engine") {
    const gt = decodeMask(gtBytes, opts);
    const pred = decodeMask(predBytes, opts);
    scoreImage("bench", gt, pred, { numClasses: 300, ignoreValues: [] });
    bytes = encodeLabelMap(pred).length;
  } else {
    const render = kind === "old" ? oldView : newView;
    const views = what === "all" ? VIEWS : [what as View];
    const pngs = await Promise.all(views.map((v) => render(v)));
    bytes = pngs.reduce((s, p) => s + p.length, 0);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  const highWater = process.resourceUsage().maxRSS * 1024;
  const peak = highWater > highWater0 ? highWater : Math.max(sampled, process.memoryUsage.rss());
  console.log(JSON.stringify({ mode, ms: Math.round(ms), peakMb: Math.round((peak - base) / 2 ** 20), pngKb: Math.round(bytes / 1024) }));
}

function parent(sizes: [number, number][]): void {
  mkdirSync(DIR, { recursive: true });
  const modes = [...VIEWS.map((v) => `old:${v}`), "old:all", ...VIEWS.map((v) => `new:${v}`), "new:all", "engine"];
  console.log(`node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? "?"})`);
  for (const [w, h] of sizes) {
    const gt = makeMaskPng(w, h, 0);
    const pred = makeMaskPng(w, h, 64);
    writeFileSync(path.join(DIR, `gt-${w}x${h}.png`), gt);
    writeFileSync(path.join(DIR, `pred-${w}x${h}.png`), pred);
    console.log(`\n${w}x${h} 16-bit pair (${((gt.length + pred.length) / 1024).toFixed(0)} KB of files)`);
    console.log("mode               time ms   peak RSS above baseline MB   png KB");
    for (const mode of modes) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, "--expose-gc", process.argv[1], "--child", mode, String(w), String(h)],
        { env: { ...process.env, INTERSECT_MAX_IMAGE_PIXELS: String(w * h) }, encoding: "utf8", maxBuffer: 1 << 20 },
      );
      const r = JSON.parse(out.trim().split("\n").pop()!) as { mode: string; ms: number; peakMb: number; pngKb: number };
      console.log(`${r.mode.padEnd(18)} ${String(r.ms).padStart(8)}   ${String(r.peakMb).padStart(26)}   ${String(r.pngKb).padStart(6)}`);
    }
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  child(argv[1], Number(argv[2]), Number(argv[3])).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  const sizes: [number, number][] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const m = argv[i] === "--size" ? /^(\d+)x(\d+)$/.exec(argv[i + 1] ?? "") : null;
    if (!m) throw new Error("usage: view-memory.ts [--size WxH]...");
    sizes.push([Number(m[1]), Number(m[2])]);
  }
  parent(sizes.length ? sizes : [[10000, 10000], [8000, 5000]]);
}
