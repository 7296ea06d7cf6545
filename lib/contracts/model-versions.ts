import { z } from "zod";
import { classEntrySchema } from "./classes";
import { pickerModelVersionDto } from "./dataset-picker";
import { publicRunnerConfigDto, runnerKindSchema } from "./runner-config";

/** A training dataset version of a model version, as shown beside it. */
export const trainedOnDto = z.object({ datasetVersionId: z.string(), datasetId: z.string(), label: z.string() });

/** One row of a model's versions table (and of GET /models/{id}/versions): no header values, no blob ids. */
export const modelVersionRowDto = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  runnerKind: runnerKindSchema,
  runner: publicRunnerConfigDto,
  classes: z.array(classEntrySchema),
  trainedOn: z.array(trainedOnDto),
  note: z.string(),
  createdAt: z.string(),
  evaluations: z.number().int().nonnegative(),
  picker: pickerModelVersionDto,
});
export type ModelVersionRowDto = z.infer<typeof modelVersionRowDto>;

export const modelVersionListDto = z.object({ versions: z.array(modelVersionRowDto) });

/** 201 of POST /models/{modelId}/versions. */
export const createdModelVersionDto = z.object({ id: z.string(), number: z.number().int().positive() });

/** GET /apps/{appId}/models. */
export const modelListDto = z.object({
  models: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), versions: z.number().int(), createdAt: z.string() })),
});
