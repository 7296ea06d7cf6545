import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeMapping, imageSizeProblem, matchClassesByName, noCommonClassMessage, type ClassMapping } from "@/lib/core/model-classes";
import type { ClassEntry } from "@/lib/contracts/classes";
import { largestImageOf, storedHttpRunnerConfigSchema } from "@/lib/contracts/runner-config";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { largestImagesOf } from "@/lib/server/db/dataset-version-stats";
import { countPredictedSamples, getModelVersionRunner } from "@/lib/server/db/model-versions";
import { checkEndpoint } from "@/lib/server/models/prepare-runner-config";

export interface RunnableTarget {
  id: string;
  number: number;
  datasetName: string;
  classes: readonly ClassEntry[];
  sampleCount: number;
}

/**
 * Refuses, before an evaluation is created, a pair that cannot run: a
 * `predictions` version without a prediction for every sample of the
 * dataset version, a model with no class in common with the dataset (names
 * compared case-insensitively), a fixed model input (resize "none") that
 * the dataset's largest images do not fit, an http endpoint that does not answer.
 * Returns the class mapping by name to store in the evaluation's settings.
 */
export async function checkRunnable(
  { modelVersionId, target, skipEndpointCheck = false }: { modelVersionId: string; target: RunnableTarget; skipEndpointCheck?: boolean },
  db: Db = getPrisma(),
): Promise<ClassMapping> {
  const mv = await getModelVersionRunner({ modelVersionId }, db);
  const label = `${mv.model.name} v${mv.number}`;
  const dataset = `${target.datasetName} v${target.number}`;
  if (mv.runnerKind === "predictions") {
    const predicted = (await countPredictedSamples({ modelVersionId }, db)).get(target.id) ?? 0;
    if (predicted < target.sampleCount) {
      throw new AppError(
        "invalid_input",
        `${label} cannot be evaluated on ${dataset}: no predictions uploaded for this dataset (${predicted} of ${target.sampleCount} samples have one). ` +
          "A predictions version evaluates only the dataset it has predictions for.",
        { fieldErrors: { datasetId: ["No predictions uploaded for this dataset."] } },
      );
    }
  }
  const mapping = matchClassesByName(mv.classes, target.classes);
  if (describeMapping(mv.classes, target.classes, mapping).common === 0) {
    throw new AppError(
      "invalid_input",
      `${noCommonClassMessage(label, dataset, mv.classes.map((c) => c.name), target.classes.map((c) => c.name))} Nothing was created.`,
      { fieldErrors: { datasetId: ["No class in common with the model."] } },
    );
  }
  // The dataset's image sizes are only read for a model that has a largest image.
  const largestInput = largestImageOf(mv.runnerKind, mv.runnerConfig);
  const tooLarge = largestInput && imageSizeProblem(largestInput, (await largestImagesOf({ datasetVersionIds: [target.id] }, db)).get(target.id));
  if (tooLarge) {
    throw new AppError(
      "invalid_input",
      `${label} cannot be evaluated on ${dataset}: it has ${tooLarge}. Choose "stretch" or "letterbox" in a new version of the model, or a dataset of smaller images. Nothing was created.`,
      { fieldErrors: { datasetId: [`The dataset has ${tooLarge}.`] } },
    );
  }
  if (mv.runnerKind === "http" && !skipEndpointCheck) {
    const config = storedHttpRunnerConfigSchema.safeParse(mv.runnerConfig);
    if (!config.success) throw new AppError("invalid_input", `${label}: its endpoint config is not valid; create a new version.`);
    try {
      await checkEndpoint(config.data, mv.classes.length);
    } catch (error) {
      const reason = error instanceof AppError ? error.message.replace(/\.+$/, "") : "the endpoint did not answer";
      throw new AppError("invalid_input", `${label} cannot be evaluated now: its endpoint is unreachable (${reason}). Nothing was created.`);
    }
  }
  return mapping;
}
