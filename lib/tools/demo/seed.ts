import type { ClassEntry } from "@/lib/contracts/classes";
import { createApp } from "@/lib/server/apps/create-app";
import { createUser } from "@/lib/server/auth/sessions";
import type { Db } from "@/lib/server/db/client";
import { countUsers } from "@/lib/server/db/users";
import { createDataset } from "@/lib/server/datasets/create-dataset";
import { createDatasetVersion, type NewSample } from "@/lib/server/datasets/create-version";
import { createModel } from "@/lib/server/models/create-model";
import { createModelVersion } from "@/lib/server/models/create-model-version";
import { buildDemoModels, LESION_TRAIN, STREET_TRAIN, type DemoOnnxModel } from "@/lib/tools/demo/models";
import { getBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import {
  DEMO_CLASSES,
  DEMO_IGNORE_INDEX,
  DEMO_LESION_CLASSES,
  DEMO_MODEL_VERSIONS,
  encodeMaskPng,
  encodeRgbPng,
  generateLesionScene,
  generateScene,
  predictFromScene,
  type DemoScene,
  type ModelQuality,
} from "@/lib/tools/demo";

/** Credentials of the demo workspace (also in the README). */
export const DEMO_USER = { email: "demo@intersect.local", password: "intersect-demo", name: "Demo User" };
export const OTHER_USER = { email: "other@intersect.local", password: "intersect-other", name: "Other User" };

const SIZE = { width: 384, height: 288 };
const LESION_SIZE = { width: 320, height: 240 };

interface Deps {
  db: Db;
  store?: BlobStore;
  log?: (line: string) => void;
}

function toSamples(scenes: DemoScene[]): NewSample[] {
  return scenes.map((s) => ({
    name: s.name,
    image: encodeRgbPng(s.image, s.width, s.height),
    imageFileName: `${s.name}.png`,
    mask: encodeMaskPng(s.mask, s.width, s.height),
    maskFileName: `${s.name}.png (mask)`,
    tags: s.tags,
    metadata: s.metadata,
  }));
}

function scenes(prefix: string, count: number, seedBase: number, make: (seed: number) => DemoScene): DemoScene[] {
  return Array.from({ length: count }, (_, i) => ({ ...make(seedBase + i), name: `${prefix}-${String(i + 1).padStart(4, "0")}` }));
}

/** Stores each predicted mask in the blob store; returns the prediction rows of a `predictions` model version. */
async function storePredictions(store: BlobStore | undefined, preds: { name: string; mask: Uint8Array; width: number; height: number }[]) {
  const target = store ?? getBlobStore();
  const rows: { sampleName: string; maskSha256: string }[] = [];
  for (const p of preds) {
    const blob = await target.putBlob(encodeMaskPng(p.mask, p.width, p.height), { label: `${p.name} prediction` });
    rows.push({ sampleName: p.name, maskSha256: blob.sha256 });
  }
  return rows;
}

interface ModelSpec {
  ownerId: string;
  appId: string;
  name: string;
  description: string;
  classes: ClassEntry[];
  versions: readonly { description: string; quality: ModelQuality }[];
  scenes: DemoScene[];
  predict: (scene: DemoScene, quality: ModelQuality, seed: number) => Uint8Array;
}

/** Creates a model with one `predictions` version per preset, each with a predicted mask for every scene. */
async function addModel(db: Db, store: BlobStore | undefined, spec: ModelSpec): Promise<void> {
  const { ownerId, appId } = spec;
  const model = await createModel({ ownerId, appId, name: spec.name, description: spec.description }, db);
  for (const [i, preset] of spec.versions.entries()) {
    const predictions = await storePredictions(
      store,
      spec.scenes.map((s, k) => ({ name: s.name, width: s.width, height: s.height, mask: spec.predict(s, preset.quality, 77 * (i + 1) + k) })),
    );
    await createModelVersion({ ownerId, appId, modelName: model.name, runnerKind: "predictions", classes: spec.classes, note: preset.description, predictions }, db);
  }
}

/** Creates a model whose versions are the fitted ONNX models (runner `onnx`), each recording its training set. */
async function addOnnxModel(
  db: Db,
  store: BlobStore | undefined,
  spec: { ownerId: string; appId: string; name: string; description: string; versions: readonly DemoOnnxModel[]; trainedOn: string[] },
): Promise<void> {
  const target = store ?? getBlobStore();
  const model = await createModel({ ownerId: spec.ownerId, appId: spec.appId, name: spec.name, description: spec.description }, db);
  for (const m of spec.versions) {
    const fileName = `${spec.name}-${m.version}.onnx`;
    const blob = await target.putBlob(m.bytes, { label: fileName });
    await createModelVersion(
      {
        ownerId: spec.ownerId,
        appId: spec.appId,
        modelName: model.name,
        runnerKind: "onnx",
        onnxFile: { sha256: blob.sha256, fileName, bytes: blob.size },
        config: m.config,
        readBlob: (sha) => target.readBlob(sha),
        classes: m.classes.map((c) => ({ index: c.index, name: c.name, color: c.color })),
        trainedOn: spec.trainedOn,
        note: `${m.label}: ${m.note}`,
      },
      db,
    );
  }
}

/**
 * Seeds the demo workspace when the database has no user yet: the demo user
 * with three apps (a street-scene model with three real ONNX versions of
 * clearly different quality, fitted here on the recorded training set
 * "street-train"; its own dataset in two versions; a fleet-camera dataset in
 * another app for cross-app evaluation with one `predictions` model; and a
 * dermatology app with two ONNX lesion versions and their training set),
 * plus a second user whose app the demo user must never see. Images, masks
 * and predictions are generated by code. Returns whether it seeded.
 */
export async function seedDemoWorkspace({ db, store, log = console.log }: Deps): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const started = Date.now();
  const demo = await createUser(DEMO_USER, { db });
  const other = await createUser(OTHER_USER, { db });

  const street = await createApp({ ownerId: demo.id, name: "Street scenes", description: "Semantic segmentation for an urban driving stack." }, db);
  const fleet = await createApp({ ownerId: demo.id, name: "Fleet cameras", description: "Footage from the delivery fleet's dash cameras." }, db);
  const derm = await createApp({ ownerId: demo.id, name: "Dermatology", description: "Skin-lesion segmentation for the clinic triage tool." }, db);

  const streetClasses = DEMO_CLASSES.map((c) => ({ index: c.index, name: c.name, color: c.color }));
  const cityScenes = scenes("city", 48, 1000, (seed) => generateScene(seed, SIZE));
  const fleetScenes = scenes("fleet", 24, 5000, (seed) => generateScene(seed, { ...SIZE, scenario: seed % 3 === 0 ? { night: true } : undefined }));

  const cityVal = await createDataset({ ownerId: demo.id, appId: street.id, name: "city-val", description: "Held-out city streets." }, db);
  await createDatasetVersion({ ownerId: demo.id, datasetId: cityVal.id, classes: streetClasses, ignoreIndex: DEMO_IGNORE_INDEX, note: "First 40 scenes", samples: toSamples(cityScenes.slice(0, 40)) }, { db, store });
  await createDatasetVersion(
    { ownerId: demo.id, datasetId: cityVal.id, classes: streetClasses, ignoreIndex: DEMO_IGNORE_INDEX, note: "Adds 8 scenes", samples: toSamples(cityScenes) },
    { db, store },
  );
  const dashcam = await createDataset({ ownerId: demo.id, appId: fleet.id, name: "dashcam-2026-q3", description: "Fleet dash-camera frames, many at night." }, db);
  await createDatasetVersion({ ownerId: demo.id, datasetId: dashcam.id, classes: streetClasses, ignoreIndex: DEMO_IGNORE_INDEX, samples: toSamples(fleetScenes) }, { db, store });

  log("Fitting the demo's ONNX models …");
  const fitted = await buildDemoModels();
  const streetTrainScenes = scenes("street-train", STREET_TRAIN.count, STREET_TRAIN.seed, (seed) => generateScene(seed, STREET_TRAIN));
  const streetTrain = await createDataset({ ownerId: demo.id, appId: street.id, name: "street-train", description: "The generated scenes the street models were fitted on." }, db);
  const streetTrainV = await createDatasetVersion(
    { ownerId: demo.id, datasetId: streetTrain.id, classes: streetClasses, ignoreIndex: DEMO_IGNORE_INDEX, note: "Training set of street-segmenter v1–v3", samples: toSamples(streetTrainScenes) },
    { db, store },
  );
  await addOnnxModel(db, store, {
    ownerId: demo.id,
    appId: street.id,
    name: "street-segmenter",
    description: "Small street segmentation models run by onnxruntime: each version sees more (colour, position, local context).",
    versions: fitted.street,
    trainedOn: [streetTrainV.id],
  });
  // One `predictions` version: a baseline run elsewhere whose masks were uploaded for the fleet dataset only.
  await addModel(db, store, {
    ownerId: demo.id,
    appId: fleet.id,
    name: "dashcam-baseline",
    description: "The vendor's segmentation of the fleet footage: predicted masks uploaded, the model itself is not here.",
    classes: streetClasses,
    versions: DEMO_MODEL_VERSIONS.slice(0, 1).map((v) => ({ ...v, description: `Predictions uploaded for dashcam-2026-q3. ${v.description}` })),
    scenes: fleetScenes,
    predict: predictFromScene,
  });

  const lesionClasses = DEMO_LESION_CLASSES.map((c) => ({ index: c.index, name: c.name, color: c.color }));
  const lesionScenes = scenes("lesion", 24, 9000, (seed) => generateLesionScene(seed, LESION_SIZE));
  const clinic = await createDataset({ ownerId: demo.id, appId: derm.id, name: "clinic-val", description: "Dermoscopy images from the partner clinic." }, db);
  await createDatasetVersion({ ownerId: demo.id, datasetId: clinic.id, classes: lesionClasses, ignoreIndex: null, samples: toSamples(lesionScenes) }, { db, store });
  const lesionTrainScenes = scenes("lesion-train", LESION_TRAIN.count, LESION_TRAIN.seed, (seed) => generateLesionScene(seed, LESION_TRAIN));
  const lesionTrain = await createDataset({ ownerId: demo.id, appId: derm.id, name: "lesion-train", description: "The generated images the lesion models were fitted on." }, db);
  const lesionTrainV = await createDatasetVersion(
    { ownerId: demo.id, datasetId: lesionTrain.id, classes: lesionClasses, ignoreIndex: null, note: "Training set of lesion-unet v1–v2", samples: toSamples(lesionTrainScenes) },
    { db, store },
  );
  await addOnnxModel(db, store, {
    ownerId: demo.id,
    appId: derm.id,
    name: "lesion-unet",
    description: "Small lesion segmentation models run by onnxruntime.",
    versions: fitted.lesion,
    trainedOn: [lesionTrainV.id],
  });

  const hidden = await createApp({ ownerId: other.id, name: "Warehouse robots", description: "Another team's private app." }, db);
  const hiddenScenes = scenes("warehouse", 6, 7000, (seed) => generateScene(seed, SIZE));
  const shelf = await createDataset({ ownerId: other.id, appId: hidden.id, name: "warehouse-private", description: "Must never be visible to the demo user." }, db);
  await createDatasetVersion({ ownerId: other.id, datasetId: shelf.id, classes: streetClasses, ignoreIndex: DEMO_IGNORE_INDEX, samples: toSamples(hiddenScenes) }, { db, store });
  await addModel(db, store, {
    ownerId: other.id,
    appId: hidden.id,
    name: "picker-vision",
    description: "Private model.",
    classes: streetClasses,
    versions: DEMO_MODEL_VERSIONS.slice(0, 1),
    scenes: hiddenScenes,
    predict: predictFromScene,
  });

  log(`Seeded the demo workspace in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
