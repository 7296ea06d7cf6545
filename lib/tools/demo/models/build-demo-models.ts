import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { DEMO_CLASSES, DEMO_LESION_CLASSES, type DemoClass, type DemoScene } from "../classes";
import { generateLesionScene } from "../lesion-scene";
import { generateScene } from "../street-scene";
import type { FeatureSet } from "./feature-graph";
import { demoOnnxConfig, toTrainingExamples, trainSegmenter } from "./train-segmenter";

/** A real demo model version: .onnx bytes fitted on generated training images, with its config and class list. */
export interface DemoOnnxModel {
  /** "v1", "v2", … */
  version: string;
  label: string;
  /** What the version sees and how it was fitted (shown as the version's description). */
  note: string;
  bytes: Uint8Array;
  config: OnnxConfig;
  /** Class names in output (score channel) order. */
  classes: readonly DemoClass[];
}

interface VersionSpec {
  version: string;
  label: string;
  features: FeatureSet;
  hidden: number;
  note: string;
}

/** Training sets: seeds disjoint from the seeded datasets (city 1000+, fleet 5000+, warehouse 7000+, lesion 9000+) and from the held-out test. */
export const STREET_TRAIN = { seed: 300_000, count: 96, width: 384, height: 288 } as const;
export const LESION_TRAIN = { seed: 400_000, count: 120, width: 320, height: 240 } as const;
const STREET_SIZE: [number, number] = [144, 192];
const LESION_SIZE: [number, number] = [120, 160];

const STREET_VERSIONS: VersionSpec[] = [
  { version: "v1", label: "v1 colour", features: "colour", hidden: 32, note: "Per-pixel colour only (RGB + 32 random ReLU features, least-squares readout)." },
  { version: "v2", label: "v2 + position", features: "position", hidden: 48, note: "Colour and pixel position (48 random ReLU features, least-squares readout)." },
  { version: "v3", label: "v3 + context", features: "context", hidden: 96, note: "Colour, position and local context: 5x5/17x17 mean colour, 5x5 variance, edges (96 random ReLU features, least-squares readout)." },
];

const LESION_VERSIONS: VersionSpec[] = [
  { version: "v1", label: "v1 colour", features: "colour", hidden: 16, note: "Per-pixel colour only (RGB + 16 random ReLU features, least-squares readout)." },
  { version: "v2", label: "v2 + context", features: "context", hidden: 48, note: "Colour, position and local context (48 random ReLU features, least-squares readout)." },
];

function scenes(n: number, make: (seed: number) => DemoScene, seed: number): DemoScene[] {
  return Array.from({ length: n }, (_, i) => make(seed + i));
}

async function buildDomain(train: readonly DemoScene[], size: [number, number], classes: readonly DemoClass[], versions: VersionSpec[], seed: number): Promise<DemoOnnxModel[]> {
  const examples = toTrainingExamples(train, size);
  const config = demoOnnxConfig(size);
  const out: DemoOnnxModel[] = [];
  for (const v of versions) {
    const bytes = await trainSegmenter(examples, { features: v.features, hidden: v.hidden, size, classes: classes.length, seed, samplesPerImage: 1200 });
    const note = `${v.note} Fitted in TypeScript on ${train.length} generated ${train[0].width}x${train[0].height} images, run at ${size[1]}x${size[0]}.`;
    out.push({ version: v.version, label: v.label, note, bytes, config, classes });
  }
  return out;
}

/**
 * Fits the demo's real ONNX models (deterministic: same bytes every run):
 * three street versions (v1 colour < v2 + position < v3 + context, classes
 * `DEMO_CLASSES`) and two lesion versions (`DEMO_LESION_CLASSES`), each a
 * fixed feature extractor + random ReLU layer + least-squares readout,
 * exported with onnx-proto. A few seconds on one core, no downloads.
 */
export async function buildDemoModels(): Promise<{ street: DemoOnnxModel[]; lesion: DemoOnnxModel[] }> {
  const street = scenes(STREET_TRAIN.count, (s) => generateScene(s, STREET_TRAIN), STREET_TRAIN.seed);
  const lesion = scenes(LESION_TRAIN.count, (s) => generateLesionScene(s, LESION_TRAIN), LESION_TRAIN.seed);
  return {
    street: await buildDomain(street, STREET_SIZE, DEMO_CLASSES, STREET_VERSIONS, 1),
    lesion: await buildDomain(lesion, LESION_SIZE, DEMO_LESION_CLASSES, LESION_VERSIONS, 2),
  };
}
