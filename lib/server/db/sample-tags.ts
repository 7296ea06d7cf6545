import "server-only";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";
import { ownedBy } from "./owner-scope";

/** Tag edits made by this process so far: results cached in memory (the image index) key on it, since tags are read when they are built. */
let tagEdits = 0;

/** How many tag edits this process has made (a cache key part for anything that copied tags). */
export function tagEditCount(): number {
  return tagEdits;
}

/**
 * Adds and removes tags on samples of one owned dataset, in one
 * transaction. Every id must be a sample of that dataset and the owner's;
 * otherwise nothing changes (not_found). Tags belong to the sample, so every
 * version sharing it shows the change.
 */
export async function updateSampleTags(
  { ownerId, datasetId, sampleIds, add, remove }: { ownerId: string; datasetId: string; sampleIds: readonly string[]; add: readonly string[]; remove: readonly string[] },
  db: Db = getPrisma(),
): Promise<{ samples: number }> {
  const ids = [...new Set(sampleIds)];
  const found = await db.sample.count({ where: { id: { in: ids }, datasetId, ...ownedBy.sample(ownerId) } });
  if (found !== ids.length) throw new AppError("not_found", "Some of those samples were not found.");
  const adding = [...new Set(add)].filter((t) => !remove.includes(t));
  await db.$transaction([
    db.sampleTag.deleteMany({ where: { sampleId: { in: ids }, tag: { in: [...remove, ...adding] } } }),
    db.sampleTag.createMany({ data: ids.flatMap((sampleId) => adding.map((tag) => ({ sampleId, tag }))) }),
  ]);
  tagEdits++;
  return { samples: ids.length };
}
