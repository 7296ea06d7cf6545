import "server-only";
import type { ImageResult } from "@/lib/core/metrics";
import { fromSparse } from "@/lib/core/metrics";
import type { ClassEntry } from "@/lib/contracts/classes";
import type { EvaluationSettings } from "@/lib/contracts/evaluation-settings";
import type { EvaluationStatus } from "@/lib/contracts/evaluation-status";
import type { EvaluationSummary } from "@/lib/contracts/evaluation-summary";
import type { BoundaryCounts, SparseConfusion } from "@/lib/contracts/sample-result";
import type { RunnerConfig } from "@/lib/contracts/runner-config";
import type { Db } from "@/lib/server/db/client";
import { getEvaluationStatus, loadRunInput } from "@/lib/server/db/evaluations";
import { listDoneSampleIds, listImageResults } from "@/lib/server/db/evaluation-results";
import {
  markEvaluationFailed,
  markEvaluationSucceeded,
  recordImageResults,
  setProgressTotal,
  type ClassResultRow,
  type ImageResultRow,
} from "@/lib/server/db/evaluation-transitions";

/** What the engine runs: settings, both class lists, the model version's runner and the samples in order. */
export interface RunInput {
  settings: EvaluationSettings;
  datasetClasses: ClassEntry[];
  modelClasses: ClassEntry[];
  modelVersion: { id: string; runnerKind: string; runnerConfig: RunnerConfig };
  samples: { id: string; name: string; imageSha256: string; maskSha256: string; width: number; height: number; tags: string[] }[];
}

/** A stored per-image result as finalize reads it back. */
export interface StoredImageResult {
  name: string;
  tags: string[];
  confusion: SparseConfusion;
  boundary: BoundaryCounts | null;
}

/**
 * The narrow persistence the engine depends on. Every write that needs the
 * run returns false once `workerId` no longer owns it (cancelled or taken
 * over), so the engine can stop without knowing how ownership is stored.
 */
export interface EvaluationStore {
  loadRunInput(evaluationId: string): Promise<RunInput>;
  listDoneSampleIds(evaluationId: string): Promise<Set<string>>;
  setProgressTotal(args: { evaluationId: string; workerId: string; total: number; done: number }): Promise<void>;
  /** Stores a batch of finished images whole (one transaction), or nothing when the run is no longer owned; waits out a busy database. */
  recordImageResults(args: { evaluationId: string; workerId: string; results: ImageResultRow[] }): Promise<boolean>;
  listImageResults(evaluationId: string): Promise<StoredImageResult[]>;
  finish(args: { evaluationId: string; workerId: string; summary: EvaluationSummary; classResults: ClassResultRow[]; progressDone: number }): Promise<boolean>;
  fail(args: { evaluationId: string; workerId: string; error: string }): Promise<boolean>;
  currentStatus(evaluationId: string): Promise<EvaluationStatus | null>;
}

/** The production store: the db layer on one Prisma client. */
export function createEvaluationStore(db: Db): EvaluationStore {
  return {
    loadRunInput: (evaluationId) => loadRunInput({ evaluationId }, db),
    listDoneSampleIds: (evaluationId) => listDoneSampleIds({ evaluationId }, db),
    setProgressTotal: (args) => setProgressTotal(args, db),
    recordImageResults: (args) => recordImageResults(args, db),
    listImageResults: (evaluationId) => listImageResults({ evaluationId }, db),
    finish: (args) => markEvaluationSucceeded(args, db),
    fail: (args) => markEvaluationFailed(args, db),
    currentStatus: (evaluationId) => getEvaluationStatus({ evaluationId }, db),
  };
}

/** A stored result as the metrics core's ImageResult (dense matrices, typed arrays). */
export function toImageResult(stored: StoredImageResult, numClasses: number): ImageResult {
  const b = stored.boundary;
  return {
    name: stored.name,
    confusion: fromSparse(numClasses, stored.confusion),
    boundary: b ? { numClasses, intersection: Float64Array.from(b.intersection), union: Float64Array.from(b.union) } : undefined,
    tags: stored.tags,
  };
}
