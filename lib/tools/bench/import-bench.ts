/**
 * Import benchmark: wall time and peak RSS of the one import path
 * (importDataset) on (1) the shared CamVid val folder (101 pairs, when
 * ../shared/datasets is present) and (2) N generated full-HD pairs packed as
 * a .tar.gz (default 2,000). RSS is printed at 500 / 1000 / 2000 samples:
 * it must not grow with the dataset size.
 *
 * The archive is written once; each of --runs imports goes into a fresh
 * database (no sample reuse between runs), and the medians are printed.
 *
 *   npm run -s bench:import -- [--pairs 2000] [--width 1920] [--height 1080] [--runs 3]
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import sharp from "sharp";
import tar from "tar-stream";
import { encodeLabelMap } from "@/lib/core/masks";
import { importDataset } from "@/lib/server/datasets/import-dataset-version";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore } from "@/lib/server/storage/blob-store";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

async function writeArchive(file: string, pairs: number, width: number, height: number): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip({ level: 1 }), createWriteStream(file));
  const add = (name: string, data: Buffer | Uint8Array) => new Promise<void>((res, rej) => pack.entry({ name }, Buffer.from(data), (e) => (e ? rej(e) : res())));
  await add("ds/classes.json", Buffer.from(JSON.stringify({ classes: ["road", "car", "sky", "person"].map((name) => ({ name })), ignore_index: 255 })));
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < pairs; i++) {
    const noise = Buffer.alloc(width * height * 3);
    for (let p = 0; p < noise.length; p += 97) noise[p] = (p * 31 + i * 7) & 255;
    const image = await sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
    for (let p = 0; p < mask.length; p++) mask[p] = ((p % width) * 4 / width + i) & 3;
    const name = `img_${String(i).padStart(5, "0")}`;
    await add(`ds/images/${name}.jpg`, image);
    await add(`ds/masks/${name}.png`, encodeLabelMap({ width, height, data: mask }));
  }
  pack.finalize();
  await done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Imports one source and prints its time and peak RSS; returns both (seconds, bytes). */
async function run(label: string, spec: Parameters<typeof importDataset>[0]["source"], db: Awaited<ReturnType<typeof createTestDatabase>>, appId: string, ownerId: string, classes?: string) {
  peak = process.memoryUsage().rss;
  const t = Date.now();
  const r = await importDataset(
    { ownerId, target: { appId, datasetName: label }, source: spec, options: classes ? { classes: { text: classes, fileName: "classes.json" } } : {} },
    {
      db: db.db,
      store: createBlobStore(path.join(db.dir, "blobs")),
      onBatch: (staged) => {
        for (const mark of [500, 1000, 1500, 2000, 5000, 10000]) {
          if (staged >= mark && staged - 250 < mark) console.log(`  ${label}: ${staged} staged, RSS ${mb(process.memoryUsage().rss)}`);
        }
      },
    },
  );
  const seconds = (Date.now() - t) / 1000;
  console.log(`${label}: ${r.sampleCount} samples in ${seconds.toFixed(1)} s, peak RSS ${mb(peak)}`);
  return { seconds, peak };
}

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

/** A fresh database with one owner and app, so no run reuses another's samples. */
async function freshWorld(): Promise<{ db: Db; ownerId: string; appId: string }> {
  const db = await createTestDatabase("intersect-import-bench-");
  const user = await db.db.user.create({ data: { email: "bench@example.com", name: "Bench", passwordHash: "x" }, select: { id: true } });
  const app = await db.db.app.create({ data: { ownerId: user.id, name: "Bench" }, select: { id: true } });
  return { db, ownerId: user.id, appId: app.id };
}

async function main(): Promise<void> {
  const runs = arg("runs", 3);
  const tmp = await mkdtemp(path.join(os.tmpdir(), "intersect-import-bench-"));
  const results: Record<string, { seconds: number; peak: number }[]> = {};
  const keep = (label: string, r: { seconds: number; peak: number }) => (results[label] ??= []).push(r);
  try {
    const shared = path.resolve(import.meta.dirname, "../../../../shared/datasets/camvid");
    const hasCamvid = Boolean(await stat(path.join(shared, "val")).catch(() => null));
    if (!hasCamvid) console.log(`CamVid val skipped: ${shared} not found.`);
    const pairs = arg("pairs", 2000);
    const [width, height] = [arg("width", 1920), arg("height", 1080)];
    const archive = path.join(tmp, "generated.tar.gz");
    const t = Date.now();
    await writeArchive(archive, pairs, width, height);
    console.log(`generated ${pairs} pairs of ${width}x${height} (${mb((await stat(archive)).size)}) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    for (let k = 1; k <= runs; k++) {
      console.log(`run ${k} of ${runs}`);
      const w = await freshWorld();
      try {
        if (hasCamvid) {
          keep("camvid-val", await run("camvid-val", { dir: path.join(shared, "val") }, w.db, w.appId, w.ownerId, await readFile(path.join(shared, "classes.json"), "utf8")));
        }
        keep(`generated-${pairs}`, await run(`generated-${pairs}`, { archive, stagingRoot: tmp }, w.db, w.appId, w.ownerId));
      } finally {
        await w.db.cleanup();
      }
    }
    console.log(`machine: ${os.cpus()[0]?.model ?? "?"} x ${os.cpus().length}, node ${process.version}`);
    for (const [label, rs] of Object.entries(results)) {
      console.log(`${label}: median ${median(rs.map((r) => r.seconds)).toFixed(1)} s, median peak RSS ${mb(median(rs.map((r) => r.peak)))} over ${rs.length} runs`);
    }
  } finally {
    clearInterval(sampler);
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
