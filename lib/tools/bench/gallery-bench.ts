/**
 * Gallery speed at 10,000 samples (issue: "a version's sample gallery …
 * fast with 10,000 samples"): imports N generated pairs (tiny masks, every
 * third tagged "night") through the one import path into a fresh database,
 * then times gallery pages — first, middle and last page, a tag filter and a
 * class-present filter — through the same db function the gallery route
 * calls. Prints medians of 20 calls each.
 *
 *   npx tsx --conditions=react-server lib/tools/bench/gallery-bench.ts [--samples 10000]
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importDataset } from "@/lib/server/datasets/import-dataset-version";
import { listGalleryPage, type GalleryQuery } from "@/lib/server/db/sample-gallery";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore } from "@/lib/server/storage/blob-store";
import { writeGeneratedDataset } from "@/lib/tools/fault/world";

const { values } = parseArgs({ options: { samples: { type: "string", default: "10000" } } });
const count = Number(values.samples);

async function main(): Promise<void> {
  const t = await createTestDatabase("intersect-gallery-bench-");
  try {
    const dir = path.join(t.dir, "src");
    writeGeneratedDataset({ dir, count, size: 8 });
    const tags: Record<string, string[]> = {};
    for (let k = 0; k < count; k += 3) tags[`s${String(k).padStart(5, "0")}`] = ["night"];
    writeFileSync(path.join(dir, "tags.json"), JSON.stringify(tags));
    const owner = await t.db.user.create({ data: { email: "bench@example.com", name: "Bench", passwordHash: "x" }, select: { id: true } });
    const app = await t.db.app.create({ data: { ownerId: owner.id, name: "Bench" }, select: { id: true } });
    const started = performance.now();
    const imported = await importDataset(
      { ownerId: owner.id, target: { appId: app.id, datasetName: "big" }, source: { dir } },
      { db: t.db, store: createBlobStore(path.join(t.dir, "blobs")) },
    );
    console.log(`imported ${imported.sampleCount} samples in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const base = { datasetVersionId: imported.id, pageSize: 48 };
    const pages = Math.ceil(count / 48);
    const cases: [string, GalleryQuery][] = [
      ["first page", { ...base, page: 0 }],
      ["middle page", { ...base, page: Math.floor(pages / 2) }],
      ["last page", { ...base, page: pages - 1 }],
      ["tag filter (night), page 10", { ...base, page: 10, tag: "night" }],
      ["class present (1), page 10", { ...base, page: 10, classIndex: 1 }],
    ];
    console.log(`machine: ${os.cpus()[0]?.model ?? "?"} x ${os.cpus().length}, node ${process.version}`);
    for (const [label, query] of cases) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        total = (await listGalleryPage(query, t.db)).total;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(30)} median ${times[10].toFixed(1)} ms  (max ${times[19].toFixed(1)} ms, ${total} matching)`);
    }
  } finally {
    await t.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
