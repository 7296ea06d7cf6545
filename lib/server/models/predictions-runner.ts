import "server-only";
import { AppError } from "@/lib/core/errors";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import type { Runner, RunnerDeps } from "./runner";

/**
 * The `predictions` runner: the model ran elsewhere and its predicted masks
 * were uploaded, one per sample, keyed by the sample's file stem. A sample
 * without a prediction is an error naming it.
 */
export function createPredictionsRunner({ modelVersionId }: { modelVersionId: string }, deps: RunnerDeps): Runner {
  return {
    async predict(sample) {
      const sha = await deps.findPredictionMask({ modelVersionId, sampleName: sample.name });
      if (!sha) {
        throw new AppError("invalid_input", `${sample.name}: this model version has no uploaded prediction for the sample.`);
      }
      return { ...decodeMask(await deps.readBlob(sha), { fileName: `prediction ${sample.name}.png` }), storedSha256: sha };
    },
  };
}
