import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { getBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import { countClassPixels } from "./import/mask-reader";

/** Samples read per page: each holds its metadata only; masks are decoded one at a time. */
const PAGE = 200;

export interface RecountOutcome {
  /** Samples whose mask was read. */
  samples: number;
  /** Samples whose recorded counts were rewritten. */
  changed: number;
  /** Samples whose mask blob is missing or undecodable (left as they were), by sample id. */
  unreadable: string[];
}

const sameCounts = (a: unknown, b: Record<string, number>): boolean => {
  if (a === null || typeof a !== "object" || Array.isArray(a)) return false;
  const keys = Object.keys(a as object);
  return keys.length === Object.keys(b).length && keys.every((k) => (a as Record<string, unknown>)[k] === b[k]);
};

/**
 * Rewrites every stored sample's `metadata.classPixels` from its mask blob:
 * every mask value with its pixel count, void included (the form imports
 * write since 2026-12-07; samples imported before kept out the void of the
 * version that first imported them, so a later version sharing the sample
 * under another void read wrong class statistics). Idempotent: a sample
 * whose counts are right is not written. A mask that cannot be read is
 * reported and left alone. Runs page by page, one short write per change.
 */
export async function recountClassPixels(deps: { db?: Db; store?: BlobStore } = {}): Promise<RecountOutcome> {
  const db = deps.db ?? getPrisma();
  const store = deps.store ?? getBlobStore();
  const outcome: RecountOutcome = { samples: 0, changed: 0, unreadable: [] };
  let after: string | undefined;
  for (;;) {
    const page = await db.sample.findMany({
      where: after === undefined ? {} : { id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, maskSha256: true, metadata: true },
    });
    if (page.length === 0) return outcome;
    for (const s of page) {
      let counts: Record<string, number>;
      try {
        counts = countClassPixels(decodeMask(store.readBlobSync(s.maskSha256)));
      } catch {
        outcome.unreadable.push(s.id);
        continue;
      }
      outcome.samples++;
      const metadata = s.metadata !== null && typeof s.metadata === "object" && !Array.isArray(s.metadata) ? (s.metadata as Record<string, unknown>) : {};
      if (sameCounts(metadata.classPixels, counts)) continue;
      await db.sample.update({ where: { id: s.id }, data: { metadata: { ...metadata, classPixels: counts } } });
      outcome.changed++;
    }
    after = page[page.length - 1].id;
  }
}
