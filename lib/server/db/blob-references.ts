import "server-only";
/**
 * Every blob id the database refers to: sample images and masks, uploaded
 * and stored predictions, staged import rows, cached rendered views, and any
 * sha256 inside a model version's runner config (e.g. an ONNX file). The
 * blob sweep deletes only what is not in this set.
 */
import { getPrisma, type Db } from "./client";

const SHA256_IN_TEXT = /\b[0-9a-f]{64}\b/g;

/** The set of referenced blob ids (lower-case sha256 hex). */
export async function listReferencedBlobs(db: Db = getPrisma()): Promise<Set<string>> {
  const refs = new Set<string>();
  const add = (sha: string | null | undefined) => void (sha && refs.add(sha));
  for (const s of await db.sample.findMany({ select: { imageSha256: true, maskSha256: true } })) {
    add(s.imageSha256);
    add(s.maskSha256);
  }
  for (const s of await db.datasetImportSample.findMany({ select: { imageSha256: true, maskSha256: true } })) {
    add(s.imageSha256);
    add(s.maskSha256);
  }
  for (const p of await db.predictionMask.findMany({ select: { maskSha256: true } })) add(p.maskSha256);
  for (const r of await db.evaluationSampleResult.findMany({ where: { predictionSha256: { not: null } }, select: { predictionSha256: true } })) {
    add(r.predictionSha256);
  }
  for (const v of await db.renderedView.findMany({ select: { pngSha256: true } })) add(v.pngSha256);
  for (const m of await db.modelVersion.findMany({ select: { runnerConfig: true } })) {
    for (const sha of JSON.stringify(m.runnerConfig ?? {}).match(SHA256_IN_TEXT) ?? []) add(sha);
  }
  return refs;
}
