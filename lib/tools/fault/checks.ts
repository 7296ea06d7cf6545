/** What the fault script checks after every kill and restart: no debris, and versions whole. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { listReferencedBlobs } from "@/lib/server/db/blob-references";
import type { World } from "./world";

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: false })) {
    const full = path.join(dir, e.name);
    out = e.isDirectory() ? out.concat(filesUnder(full)) : out.concat(full);
  }
  return out;
}

/** Problems found (empty = clean): staging rows, partial versions, datasets without versions, orphan blobs, temp files. */
export async function findDebris(world: World): Promise<string[]> {
  const { db } = world;
  const problems: string[] = [];
  const staging = await db.datasetImport.count();
  if (staging) problems.push(`${staging} staging import row(s)`);
  const staged = await db.datasetImportSample.count();
  if (staged) problems.push(`${staged} staged sample row(s)`);
  for (const v of await db.datasetVersion.findMany({ select: { id: true, number: true, sampleCount: true, _count: { select: { samples: true } } } })) {
    if (v._count.samples !== v.sampleCount) problems.push(`version ${v.number} lists ${v._count.samples} of ${v.sampleCount} samples`);
  }
  const empty = await db.dataset.count({ where: { versions: { none: {} } } });
  if (empty) problems.push(`${empty} dataset(s) without any version`);
  const refs = await listReferencedBlobs(db);
  let root: string[] = [];
  try {
    root = filesUnder(world.store.root);
  } catch {
    root = [];
  }
  const temp = root.filter((f) => path.basename(f).startsWith(".tmp-"));
  const orphans = root.filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)) && !refs.has(path.basename(f)));
  if (temp.length) problems.push(`${temp.length} temp file(s)`);
  if (orphans.length) problems.push(`${orphans.length} orphan blob(s)`);
  return problems;
}
