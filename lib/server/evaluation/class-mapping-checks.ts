import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeMapping, mappingProblem, matchClassesByName, type ClassMapping, type MappingReport } from "@/lib/core/model-classes";
import { evaluationSettingsSchema } from "@/lib/contracts/evaluation-settings";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getDatasetVersionClasses } from "@/lib/server/db/dataset-versions";
import { updateClassMappingWhileCreated } from "@/lib/server/db/evaluation-settings";
import { getModelVersionRunner } from "@/lib/server/db/model-versions";
import { findOwnedEvaluation } from "@/lib/server/db/owned";

export interface EvaluationClassView {
  editable: boolean;
  modelClasses: { index: number; name: string }[];
  datasetClasses: { index: number; name: string }[];
  mapping: ClassMapping;
  report: MappingReport;
}

/** How an owned evaluation maps model classes to dataset classes (stored mapping, or by name for older rows), for the results page. */
export async function getEvaluationClassView({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()): Promise<EvaluationClassView> {
  const e = await findOwnedEvaluation({ ownerId, evaluationId }, db);
  const row = await db.evaluation.findUniqueOrThrow({ where: { id: e.id }, select: { settings: true } });
  const model = await getModelVersionRunner({ modelVersionId: e.modelVersionId }, db);
  const dataset = await getDatasetVersionClasses({ datasetVersionId: e.datasetVersionId }, db);
  const modelClasses = model.classes.map((c) => ({ index: c.index, name: c.name }));
  const datasetClasses = dataset.classes.map((c) => ({ index: c.index, name: c.name }));
  const mapping = evaluationSettingsSchema.parse(row.settings).classMapping ?? matchClassesByName(modelClasses, datasetClasses);
  return { editable: e.status === "created", modelClasses, datasetClasses, mapping, report: describeMapping(modelClasses, datasetClasses, mapping) };
}

/**
 * Saves an edited class mapping (model class index -> dataset class index,
 * -1 = not evaluated) while the evaluation is `created`; a mapping that
 * evaluates nothing or names unknown classes is refused; conflict once the
 * run has started.
 */
export async function saveClassMapping(
  { ownerId, evaluationId, classMapping }: { ownerId: string; evaluationId: string; classMapping: ClassMapping },
  db: Db = getPrisma(),
): Promise<{ saved: true }> {
  const view = await getEvaluationClassView({ ownerId, evaluationId }, db);
  const full = { ...Object.fromEntries(view.modelClasses.map((c) => [String(c.index), -1])), ...classMapping };
  const problem = mappingProblem(view.modelClasses, view.datasetClasses, full);
  if (problem) throw new AppError("invalid_input", problem);
  if (!view.editable || !(await updateClassMappingWhileCreated({ evaluationId, classMapping: full }, db))) {
    throw new AppError("conflict", "The run has started: the class mapping can no longer change.");
  }
  return { saved: true };
}
