import "server-only";
/**
 * Owner scoping, in one place. Ids in a request are untrusted: every read
 * and write by id puts one of these `where` fragments beside the id, so
 * another owner's id and a missing id both come back empty and give
 * AppError("not_found") — the existence of others' rows never leaks.
 */
import { AppError } from "@/lib/core/errors";
import type { Prisma } from "./generated/client";

/** The `where` fragment that limits each entity to the rows of `ownerId`. */
export const ownedBy = {
  app: (ownerId: string) => ({ ownerId }) satisfies Prisma.AppWhereInput,
  dataset: (ownerId: string) => ({ app: { ownerId } }) satisfies Prisma.DatasetWhereInput,
  datasetVersion: (ownerId: string) => ({ dataset: { app: { ownerId } } }) satisfies Prisma.DatasetVersionWhereInput,
  sample: (ownerId: string) => ({ dataset: { app: { ownerId } } }) satisfies Prisma.SampleWhereInput,
  model: (ownerId: string) => ({ app: { ownerId } }) satisfies Prisma.ModelWhereInput,
  modelVersion: (ownerId: string) => ({ model: { app: { ownerId } } }) satisfies Prisma.ModelVersionWhereInput,
  evaluation: (ownerId: string) => ({ ownerId }) satisfies Prisma.EvaluationWhereInput,
  evaluationSampleResult: (ownerId: string) => ({ evaluation: { ownerId } }) satisfies Prisma.EvaluationSampleResultWhereInput,
};

/** Throws the one not_found error every owner-scoped lookup uses (same message for missing and foreign ids). */
export function notFound(what: string): never {
  throw new AppError("not_found", `${what} not found.`);
}

/** The row, or not_found naming `what`. */
export function requireRow<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) notFound(what);
  return row;
}

/** True for a plausible id; anything else is not_found without a query. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 100;
}
