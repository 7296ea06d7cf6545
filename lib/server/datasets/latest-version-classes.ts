import "server-only";
import { getPrisma } from "@/lib/server/db/client";
import { findDatasetVersion } from "@/lib/server/db/dataset-versions";
import type { ClassesInput } from "./import";

/**
 * The latest version's classes and void index as a classes input: what an
 * update takes when its source names no classes (no classes file, labelmap
 * or layout list). Undefined when the dataset has no version yet.
 */
export async function latestVersionClasses(datasetId: string, db = getPrisma()): Promise<ClassesInput | undefined> {
  const latest = await findDatasetVersion({ datasetId }, db);
  if (!latest) return undefined;
  const text = JSON.stringify({ classes: latest.classes.map(({ name, color }) => ({ name, color })), ignore_index: latest.ignoreIndex });
  return { text, fileName: `version ${latest.number}'s classes` };
}
