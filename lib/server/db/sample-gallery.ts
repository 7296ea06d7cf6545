import "server-only";
import { Prisma } from "./generated/client";
import { getPrisma, type Db } from "./client";

export interface GalleryQuery {
  datasetVersionId: string;
  page: number;
  pageSize: number;
  tag?: string;
  classIndex?: number;
  /** Only samples whose name contains this text, ignoring the case of ASCII letters (SQLite's lower() on both sides). */
  nameContains?: string;
}

/**
 * One page of a version's samples in version order, filtered by tag, by
 * class present (the sample's recorded `classPixels`) and by name, with the total for
 * the pager. Callers have checked the version's owner. Keyed on the
 * (version, position) index, so a 10,000-sample version pages in
 * milliseconds.
 */
export async function listGalleryPage(q: GalleryQuery, db: Db = getPrisma()) {
  const tagFilter = q.tag ? Prisma.sql`AND EXISTS (SELECT 1 FROM "SampleTag" t WHERE t."sampleId" = s."id" AND t."tag" = ${q.tag})` : Prisma.empty;
  const classFilter =
    q.classIndex === undefined ? Prisma.empty : Prisma.sql`AND json_extract(s."metadata", ${`$.classPixels."${q.classIndex}"`}) > 0`;
  const nameFilter = q.nameContains ? Prisma.sql`AND instr(lower(s."name"), lower(${q.nameContains})) > 0` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string; name: string; width: number; height: number; position: number }[]>`
    SELECT s."id" AS id, s."name" AS name, s."width" AS width, s."height" AS height, d."position" AS position
    FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
    WHERE d."datasetVersionId" = ${q.datasetVersionId} ${tagFilter} ${classFilter} ${nameFilter}
    ORDER BY d."position" LIMIT ${q.pageSize} OFFSET ${q.page * q.pageSize}`;
  const [total] = await db.$queryRaw<{ count: bigint | number }[]>`
    SELECT COUNT(*) AS count FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
    WHERE d."datasetVersionId" = ${q.datasetVersionId} ${tagFilter} ${classFilter} ${nameFilter}`;
  const tags = await db.sampleTag.findMany({ where: { sampleId: { in: rows.map((r) => r.id) } }, select: { sampleId: true, tag: true }, orderBy: { tag: "asc" } });
  const byId = new Map<string, string[]>();
  for (const t of tags) byId.set(t.sampleId, [...(byId.get(t.sampleId) ?? []), t.tag]);
  return {
    total: Number(total?.count ?? 0),
    samples: rows.map((r) => ({ id: r.id, name: r.name, width: Number(r.width), height: Number(r.height), tags: byId.get(r.id) ?? [] })),
  };
}
