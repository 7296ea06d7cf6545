import "server-only";
import type { ClassEntry } from "@/lib/contracts/classes";
import type { SparseConfusion } from "@/lib/contracts/sample-result";
import { getPrisma, type Db } from "./client";

/**
 * For lib/tools/bench/results-bench.ts only: writes a large evaluation
 * straight into the tables (app, dataset version with `images` samples, a
 * predictions model version, and a `running` evaluation owned by `workerId`
 * with one stored result per image), so that the real finalize path can
 * finish it. Blobs are not written: image bytes are not what is timed.
 */
export async function insertBenchEvaluation(
  args: {
    ownerId: string;
    classes: ClassEntry[];
    images: { name: string; tags: string[]; confusion: SparseConfusion; miou: number | null; pixelAccuracy: number | null; evaluatedPixels: number }[];
    workerId: string;
  },
  db: Db = getPrisma(),
): Promise<{ evaluationId: string; datasetVersionId: string }> {
  const app = await db.app.create({ data: { ownerId: args.ownerId, name: `bench ${Date.now()}`, description: "results benchmark" }, select: { id: true } });
  const dataset = await db.dataset.create({ data: { appId: app.id, name: "bench-150x5000" }, select: { id: true } });
  const version = await db.datasetVersion.create({
    data: { datasetId: dataset.id, number: 1, classes: args.classes, ignoreIndex: 255, sampleCount: args.images.length },
    select: { id: true },
  });
  const model = await db.model.create({ data: { appId: app.id, name: "bench-model" }, select: { id: true } });
  const modelVersion = await db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: args.classes }, select: { id: true } });
  const sampleIds = args.images.map((_, i) => `bench${String(i).padStart(6, "0")}${Math.random().toString(36).slice(2, 8)}`);
  const now = new Date();
  for (let start = 0; start < args.images.length; start += 500) {
    const chunk = args.images.slice(start, start + 500);
    const ids = sampleIds.slice(start, start + 500);
    await db.sample.createMany({
      data: chunk.map((im, i) => ({ id: ids[i], datasetId: dataset.id, name: im.name, imageSha256: `${i}`.padStart(64, "0"), imageContentType: "image/png", maskSha256: `${i}`.padStart(64, "1"), width: 640, height: 480 })),
    });
    await db.datasetVersionSample.createMany({ data: ids.map((sampleId, i) => ({ datasetVersionId: version.id, sampleId, position: start + i })) });
    await db.sampleTag.createMany({ data: chunk.flatMap((im, i) => im.tags.map((tag) => ({ sampleId: ids[i], tag }))) });
  }
  const evaluation = await db.evaluation.create({
    data: {
      ownerId: args.ownerId,
      modelVersionId: modelVersion.id,
      datasetVersionId: version.id,
      settings: { ignoreIndex: 255, iouThreshold: 0.5 },
      status: "running",
      workerId: args.workerId,
      progressTotal: args.images.length,
      progressDone: args.images.length,
      queuedAt: now,
      startedAt: now,
      heartbeatAt: now,
    },
    select: { id: true },
  });
  for (let start = 0; start < args.images.length; start += 250) {
    await db.evaluationSampleResult.createMany({
      data: args.images.slice(start, start + 250).map((im, i) => ({
        evaluationId: evaluation.id,
        sampleId: sampleIds[start + i],
        confusion: im.confusion,
        miou: im.miou,
        pixelAccuracy: im.pixelAccuracy,
        evaluatedPixels: im.evaluatedPixels,
        durationMs: 10,
      })),
    });
  }
  return { evaluationId: evaluation.id, datasetVersionId: version.id };
}
