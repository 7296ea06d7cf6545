import "server-only";
/**
 * Every write of an evaluation's status and counters. The row is the truth
 * (`created → queued → running → succeeded | failed | cancelled`); each
 * transition is one conditional update whose `where` names the allowed
 * previous states (and, for a worker, that it still owns the run), so a
 * stale worker can never overwrite a finished or re-assigned run.
 */
import { classResultDto, type ClassResultDto } from "@/lib/contracts/class-result";
import type { EvaluationStatus } from "@/lib/contracts/evaluation-status";
import { evaluationSummarySchema, type EvaluationSummary } from "@/lib/contracts/evaluation-summary";
import { boundaryCountsSchema, sparseConfusionSchema, type BoundaryCounts, type SparseConfusion } from "@/lib/contracts/sample-result";
import { withBusyRetry } from "./busy-retry";
import { getPrisma, type Db, type Tx } from "./client";
import { isHolderDead } from "./holder";
import type { Prisma } from "./generated/client";

/** A running evaluation whose worker has not sent a heartbeat for this long is taken over (its worker crashed). */
export const STALE_AFTER_MS = 60_000;

async function transition(
  db: Db | Tx,
  args: { evaluationId: string; from: readonly EvaluationStatus[]; to: EvaluationStatus; workerId?: string; data?: Prisma.EvaluationUpdateManyMutationInput },
): Promise<boolean> {
  const update = () =>
    db.evaluation.updateMany({
      where: { id: args.evaluationId, status: { in: [...args.from] }, ...(args.workerId ? { workerId: args.workerId } : {}) },
      data: { ...(args.data ?? {}), status: args.to },
    });
  // Inside a transaction the caller retries the whole transaction; alone, one statement is safe to repeat.
  const result = "$transaction" in db ? await withBusyRetry(update) : await update();
  return result.count === 1;
}

/**
 * Claims the oldest queued evaluation, or a running one whose worker
 * stopped sending heartbeats (a crash or restart), for `workerId`. The claim
 * is one conditional update, so two workers never run the same evaluation.
 * Returns the claimed id or null.
 */
export async function claimNextEvaluation(db: Db, workerId: string, now = new Date()): Promise<string | null> {
  return withBusyRetry(() => claimOnce(db, workerId, now));
}

async function claimOnce(db: Db, workerId: string, now: Date): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const candidates = await db.evaluation.findMany({
    where: { OR: [{ status: "queued" }, { status: "running", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] }] },
    orderBy: [{ queuedAt: "asc" }, { createdAt: "asc" }],
    take: 5,
    select: { id: true, status: true, heartbeatAt: true },
  });
  for (const c of candidates) {
    const claimed = await db.evaluation.updateMany({
      where: { id: c.id, status: c.status, heartbeatAt: c.heartbeatAt },
      data: { status: "running", workerId, attempts: { increment: 1 }, heartbeatAt: now, startedAt: now },
    });
    if (claimed.count === 1) return c.id;
  }
  return null;
}

/**
 * Makes the running evaluations of dead holders (a killed process on this
 * host: see holder.ts) claimable at once, instead of after the
 * {@link STALE_AFTER_MS} lease, by clearing their heartbeat. The update is
 * conditional on the same holder, so a run already taken over is untouched.
 * Returns how many runs were released.
 */
export async function releaseRunsOfDeadHolders(db: Db = getPrisma()): Promise<number> {
  const running = await db.evaluation.findMany({ where: { status: "running", heartbeatAt: { not: null } }, select: { id: true, workerId: true } });
  let released = 0;
  for (const run of running) {
    if (!isHolderDead(run.workerId)) continue;
    const r = await withBusyRetry(() =>
      db.evaluation.updateMany({ where: { id: run.id, status: "running", workerId: run.workerId }, data: { heartbeatAt: null } }),
    );
    released += r.count;
  }
  return released;
}

/** created | failed | cancelled → queued (a failed run resumes and keeps its finished images). */
export async function markEvaluationQueued({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()): Promise<boolean> {
  return transition(db, {
    evaluationId,
    from: ["created", "failed", "cancelled"],
    to: "queued",
    data: { queuedAt: new Date(), error: null, finishedAt: null, workerId: null },
  });
}

/** queued | running → cancelled; the worker notices at its next write and stops. */
export async function markEvaluationCancelled({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()): Promise<boolean> {
  return transition(db, { evaluationId, from: ["queued", "running"], to: "cancelled", data: { finishedAt: new Date() } });
}

/** running (owned by `workerId`) → failed with a user-facing message. */
export async function markEvaluationFailed({ evaluationId, workerId, error }: { evaluationId: string; workerId: string; error: string }, db: Db = getPrisma()) {
  return transition(db, { evaluationId, from: ["running"], to: "failed", workerId, data: { error, finishedAt: new Date() } });
}

/** Sets the run's progress counters (and its heartbeat) at the start of an attempt, while `workerId` still owns it. */
export async function setProgressTotal(
  { evaluationId, workerId, total, done }: { evaluationId: string; workerId: string; total: number; done: number },
  db: Db = getPrisma(),
): Promise<void> {
  await withBusyRetry(() =>
    db.evaluation.updateMany({
      where: { id: evaluationId, status: "running", workerId },
      data: { progressTotal: total, progressDone: done, heartbeatAt: new Date() },
    }),
  );
}

export interface ImageResultRow {
  sampleId: string;
  confusion: SparseConfusion;
  boundary: BoundaryCounts | null;
  miou: number | null;
  pixelAccuracy: number | null;
  evaluatedPixels: number;
  predictionSha256: string | null;
  durationMs: number;
}

/**
 * Stores finished images' results and counts them, in one transaction that
 * only commits while `workerId` still owns the running evaluation (so an
 * image is never counted twice, and a batch is stored whole or not at all).
 * Returns false when the run was cancelled or taken over.
 */
export async function recordImageResults(
  { evaluationId, workerId, results }: { evaluationId: string; workerId: string; results: readonly ImageResultRow[] },
  db: Db = getPrisma(),
): Promise<boolean> {
  const rows = results.map((result) => ({
    ...result,
    confusion: sparseConfusionSchema.parse(result.confusion),
    boundary: result.boundary === null ? null : boundaryCountsSchema.parse(result.boundary),
  }));
  return withBusyRetry(() => db.$transaction(async (tx) => {
    const now = new Date();
    const owned = await tx.evaluation.updateMany({
      where: { id: evaluationId, status: "running", workerId },
      data: { progressDone: { increment: rows.length }, heartbeatAt: now },
    });
    if (owned.count !== 1) return false;
    if (rows.length > 0) await insertSampleResults(tx, evaluationId, rows, now);
    return true;
  }));
}

const SAMPLE_RESULT_COLUMNS = ["evaluationId", "sampleId", "confusion", "boundary", "miou", "pixelAccuracy", "evaluatedPixels", "predictionSha256", "durationMs", "createdAt"];
/** Rows per INSERT: 10 parameters each, under SQLite's 32766 bound parameters. */
const INSERT_CHUNK = 500;

/**
 * The rows of recordImageResults as parameterized multi-row INSERTs, no
 * value ever in the SQL text. Raw because this is the engine's hot write:
 * Prisma's createMany compiles its query on every call, ~1 ms of CPU per
 * image for a batch of 8 against ~0.3 ms this way (measured on the 2-core
 * machine), CPU that the inference threads then miss. The values are stored
 * exactly as Prisma stores them (JSON as text, the adapter's DateTime text,
 * SQL NULL for a missing boundary); a test reads them back through Prisma.
 */
async function insertSampleResults(tx: Tx, evaluationId: string, rows: readonly ImageResultRow[], now: Date): Promise<void> {
  const columns = SAMPLE_RESULT_COLUMNS.map((c) => `"${c}"`).join(", ");
  for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
    const chunk = rows.slice(at, at + INSERT_CHUNK);
    const values = chunk.map(() => `(${SAMPLE_RESULT_COLUMNS.map(() => "?").join(", ")})`).join(", ");
    const params = chunk.flatMap((r) => [
      evaluationId,
      r.sampleId,
      JSON.stringify(r.confusion),
      r.boundary === null ? null : JSON.stringify(r.boundary),
      r.miou,
      r.pixelAccuracy,
      r.evaluatedPixels,
      r.predictionSha256,
      r.durationMs,
      now,
    ]);
    await tx.$executeRawUnsafe(`INSERT INTO "EvaluationSampleResult" (${columns}) VALUES ${values}`, ...params);
  }
}

/** One per-class result row as written by {@link markEvaluationSucceeded}. */
export type ClassResultRow = ClassResultDto;

/**
 * running (owned by `workerId`) → succeeded, with the summary and the
 * per-class rows, in one transaction. Returns false when the worker no
 * longer owns the run (nothing is written then).
 */
export async function markEvaluationSucceeded(
  args: { evaluationId: string; workerId: string; summary: EvaluationSummary; classResults: readonly ClassResultRow[]; progressDone: number },
  db: Db = getPrisma(),
): Promise<boolean> {
  const { evaluationId, workerId } = args;
  const summary = evaluationSummarySchema.parse(args.summary);
  const classResults = classResultDto.array().parse(args.classResults);
  return withBusyRetry(() => db.$transaction(async (tx) => {
    const owned = await transition(tx, {
      evaluationId,
      from: ["running"],
      to: "succeeded",
      workerId,
      data: { summary, finishedAt: new Date(), progressDone: args.progressDone, error: null },
    });
    if (!owned) return false;
    await tx.evaluationClassResult.deleteMany({ where: { evaluationId } });
    await tx.evaluationClassResult.createMany({ data: classResults.map((c) => ({ ...c, evaluationId })) });
    return true;
  }));
}
