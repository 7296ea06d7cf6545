import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "@/lib/core/masks";
import { createPredictionsRunner } from "./predictions-runner";

/** The sample a runner predicts for: enough to find the image and name errors. */
export interface RunnerSample {
  id: string;
  name: string;
  imageSha256: string;
  width: number;
  height: number;
}

/**
 * A predicted label map; `storedSha256` names the blob it was decoded from
 * when the runner already has it stored (uploaded predictions), so the engine
 * need not encode and store it again.
 */
export type Prediction = LabelMap & { storedSha256?: string };

/** Turns one image into a predicted label map. Each runner kind is one module; nothing outside it knows how the model is served. */
export interface Runner {
  predict(sample: RunnerSample): Promise<Prediction>;
  close?(): Promise<void>;
}

export interface RunnerDeps {
  readBlob(sha256: string): Promise<Uint8Array>;
  findPredictionMask(args: { modelVersionId: string; sampleName: string }): Promise<string | null>;
}

/** Builds the runner of a model version from its kind and config. */
export function createRunner(modelVersion: { id: string; runnerKind: string; runnerConfig: unknown }, deps: RunnerDeps): Runner {
  switch (modelVersion.runnerKind) {
    case "predictions":
      return createPredictionsRunner({ modelVersionId: modelVersion.id }, deps);
    default:
      throw new AppError("invalid_input", `Runner kind "${modelVersion.runnerKind}" is not available in this version of Intersect.`);
  }
}
