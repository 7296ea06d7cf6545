import "server-only";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";
import { ownedBy } from "./owner-scope";

/**
 * Adds and removes tags on samples of one owned dataset, in one
 * transaction. Every id must be a sample of that dataset and the owner's;
 * otherwise nothing changes (not_found). Tags belong to the sample, so every
 * version sharing it shows the change. The dataset's `tagsVersion` goes up in
 * the same transaction: in-memory copies of tags (the results image index)
 * key on it, in whatever process or bundle made them.
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
    db.dataset.update({ where: { id: datasetId }, data: { tagsVersion: { increment: 1 } } }),
  ]);
  return { samples: ids.length };
}
