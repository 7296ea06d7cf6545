import "server-only";
import { decodeLabelMap, renderColorizedMask, renderErrorMap, type LabelMap } from "@/lib/core/masks";
import { matchClassesByName } from "@/lib/core/model-classes";
import type { SampleTestDto } from "@/lib/contracts/sample-test";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getDatasetVersionClasses } from "@/lib/server/db/dataset-versions";
import { findPredictionMask, getModelVersionRunner } from "@/lib/server/db/model-versions";
import { findOwnedDatasetVersion, findOwnedModelVersion } from "@/lib/server/db/owned";
import { getOwnedSampleBlob } from "@/lib/server/db/samples";
import { readBlob } from "@/lib/server/storage/blob-store";
import { createRunner } from "./runner";

const NOT_EVALUATED = 65535;
const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

/**
 * Runs an owned model version on one owned sample with the runner registry
 * (onnx, http or uploaded predictions) and renders the ground truth in the
 * dataset version's colours and the prediction in the same colours (a model
 * class without a dataset class keeps its own colour),
 * and an error map after matching classes by name (a model class without a
 * dataset class is wrong where predicted). not_found for other owners' ids;
 * runner errors name the sample.
 */
export async function testOnOneImage(
  { ownerId, modelVersionId, datasetVersionId, sampleId }: { ownerId: string; modelVersionId: string; datasetVersionId: string; sampleId: string },
  db: Db = getPrisma(),
): Promise<SampleTestDto> {
  await findOwnedModelVersion({ ownerId, modelVersionId }, db);
  await findOwnedDatasetVersion({ ownerId, datasetVersionId }, db);
  const image = await getOwnedSampleBlob({ ownerId, sampleId, kind: "image" }, db);
  const mask = await getOwnedSampleBlob({ ownerId, sampleId, kind: "mask" }, db);
  const model = await getModelVersionRunner({ modelVersionId }, db);
  const dataset = await getDatasetVersionClasses({ datasetVersionId }, db);
  const gt = decodeLabelMap(await readBlob(mask.sha256), { fileName: `${image.fileName} (mask)` });
  const runner = createRunner(
    { id: model.id, runnerKind: model.runnerKind, runnerConfig: model.runnerConfig, classCount: model.classes.length },
    { readBlob, findPredictionMask: (a) => findPredictionMask(a, db) },
  );
  const started = performance.now();
  let prediction: LabelMap;
  try {
    prediction = await runner.predict({ id: sampleId, name: image.fileName, imageSha256: image.sha256, width: gt.width, height: gt.height });
  } finally {
    await runner.close?.();
  }
  const ms = Math.round(performance.now() - started);
  const mapping = matchClassesByName(model.classes, dataset.classes);
  const mapped = new Uint16Array(prediction.data.length);
  let agree = 0;
  let evaluated = 0;
  for (let i = 0; i < mapped.length; i++) {
    const m = mapping[String(prediction.data[i])];
    mapped[i] = m === undefined || m < 0 ? NOT_EVALUATED : m;
    if (gt.data[i] === dataset.ignoreIndex) continue;
    evaluated++;
    if (mapped[i] === gt.data[i]) agree++;
  }
  const ignoreValues = dataset.ignoreIndex === null ? [] : [dataset.ignoreIndex];
  const byIndex = new Map(dataset.classes.map((c) => [c.index, c]));
  // A model class drawn in its dataset class's colour when matched, so one class has one colour in both panels.
  const shown = model.classes.map((c) => ({ ...c, color: byIndex.get(mapping[String(c.index)])?.color ?? c.color }));
  return {
    sampleName: image.fileName,
    width: gt.width,
    height: gt.height,
    ms,
    predictionPng: dataUrl(renderColorizedMask(prediction, colorTable(shown))),
    groundTruthPng: dataUrl(renderColorizedMask(gt, colorTable(dataset.classes), { ignoreValues })),
    errorPng: dataUrl(renderErrorMap(gt, { width: gt.width, height: gt.height, data: mapped }, { ignoreValues })),
    pixelAgreement: evaluated ? agree / evaluated : null,
    legend: shown.map((c) => ({ index: c.index, name: c.name, color: [...c.color] as [number, number, number], datasetClass: byIndex.get(mapping[String(c.index)])?.name ?? null })),
  };
}

/** Colours by class index (gaps black). */
function colorTable(classes: readonly { index: number; color: readonly [number, number, number] }[]): [number, number, number][] {
  const table: [number, number, number][] = [];
  for (const c of classes) table[c.index] = [...c.color];
  for (let i = 0; i < table.length; i++) table[i] ??= [0, 0, 0];
  return table;
}
