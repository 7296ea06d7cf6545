/**
 * The CI recipe of the README ("CI pipelines"): evaluate a new model version
 * through the REST API, wait for it, and fail when its mIoU is more than
 * `--max-drop` points (percentage points, 0-100 scale) below the previous
 * version's. Needs only Node (fetch); talks to Intersect through /api/v1 with a
 * personal API token.
 *
 *   INTERSECT_URL=https://intersect.example.com INTERSECT_TOKEN=isk_… \
 *   npx tsx lib/tools/ci/compare-miou.ts --model-version NEW_ID --dataset DATASET_ID \
 *     (--baseline-version OLD_ID | --baseline-evaluation EVAL_ID) [--dataset-version N] [--max-drop 1]
 *
 * Exit codes: 0 within the allowed drop, 1 mIoU dropped too much, 2 bad
 * command line, 3 an evaluation or an API call failed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

/** What --help prints. */
const GATE_USAGE = `usage: INTERSECT_URL=… INTERSECT_TOKEN=… npx tsx lib/tools/ci/compare-miou.ts --model-version NEW_ID --dataset DATASET_ID
       (--baseline-version OLD_ID | --baseline-evaluation EVAL_ID) [--dataset-version N] [--max-drop 1] [--poll-seconds 5] [--timeout-minutes 60]
Evaluates the new version (and the baseline version) on the dataset through the REST API and compares their mIoU.
Exit codes: 0 within the allowed drop (percentage points), 1 dropped more, 2 bad command line, 3 an evaluation or an API call failed.`;

export interface GateOptions {
  baseUrl: string;
  token: string;
  modelVersionId: string;
  datasetId: string;
  datasetVersion?: number;
  /** The previous version: evaluated now beside the new one (a fresh evaluation)… */
  baselineVersionId?: string;
  /** …or an evaluation of it that finished already. */
  baselineEvaluationId?: string;
  /** Largest allowed drop of mIoU, in percentage points. */
  maxDropPoints: number;
  pollMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface GateResult {
  ok: boolean;
  candidate: { evaluationId: string; miou: number | null };
  baseline: { evaluationId: string; miou: number | null };
  /** baseline - candidate, in percentage points (negative = better). */
  dropPoints: number | null;
  message: string;
  /** Candidate images also in its model version's training data (GET …/leakage); null when not checked or not readable. */
  candidateLeakage: { leakedImages: number; miouWithout: number | null } | null;
}

/** Thrown for a failed API call or evaluation (exit code 3). */
export class GateError extends Error {}

/** The verdict: fails when mIoU dropped more than `maxDropPoints` (0-100 scale) or is undefined. */
export function compareMiou(baseline: number | null, candidate: number | null, maxDropPoints: number): { ok: boolean; dropPoints: number | null; message: string } {
  if (baseline === null || candidate === null) return { ok: false, dropPoints: null, message: "mIoU is undefined for one of the evaluations." };
  const dropPoints = (baseline - candidate) * 100;
  const figures = `mIoU ${(candidate * 100).toFixed(2)} vs ${(baseline * 100).toFixed(2)} (${dropPoints > 0 ? "-" : "+"}${Math.abs(dropPoints).toFixed(2)} points; allowed drop ${maxDropPoints})`;
  return dropPoints > maxDropPoints ? { ok: false, dropPoints, message: `FAIL: ${figures}` } : { ok: true, dropPoints, message: `OK: ${figures}` };
}

interface EvaluationState {
  id: string;
  status: string;
  progress: { done: number; total: number };
  summary: { miou: number | null } | null;
  error: string | null;
}

/** Runs the recipe: create (and start) the evaluations, poll until both finished, compare. */
export async function runGate(o: GateOptions): Promise<GateResult> {
  const doFetch = o.fetch ?? fetch;
  const log = o.log ?? (() => {});
  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await doFetch(new URL(`/api/v1${route}`, o.baseUrl), {
      method,
      headers: { authorization: `Bearer ${o.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) throw new GateError(`${method} /api/v1${route} answered ${res.status}: ${json?.error?.message ?? "no message"}`);
    return json as T;
  };
  const evaluate = async (modelVersionId: string) => {
    const { id } = await api<{ id: string; url: string }>("POST", "/evaluations", { modelVersionId, datasetId: o.datasetId, datasetVersion: o.datasetVersion });
    await api("POST", `/evaluations/${id}/start`);
    log(`Started evaluation ${id} of model version ${modelVersionId}: ${new URL(`/evaluations/${id}`, o.baseUrl)}`);
    return id;
  };
  const candidateId = await evaluate(o.modelVersionId);
  const baselineId = o.baselineEvaluationId ?? (o.baselineVersionId ? await evaluate(o.baselineVersionId) : undefined);
  if (!baselineId) throw new GateError("Give --baseline-version or --baseline-evaluation.");
  const deadline = Date.now() + (o.timeoutMs ?? 3_600_000);
  const states = new Map<string, EvaluationState>();
  for (;;) {
    for (const id of [candidateId, baselineId]) {
      if (states.get(id)?.status === "succeeded") continue;
      const state = await api<EvaluationState>("GET", `/evaluations/${id}`);
      states.set(id, state);
      if (state.status === "failed" || state.status === "cancelled") throw new GateError(`Evaluation ${id} ${state.status}: ${state.error ?? "no error message"}`);
      if (state.status === "created") throw new GateError(`Evaluation ${id} was not started.`);
    }
    if ([candidateId, baselineId].every((id) => states.get(id)?.status === "succeeded")) break;
    if (Date.now() > deadline) throw new GateError(`The evaluations did not finish in time (${[...states.values()].map((s) => `${s.id}: ${s.progress.done}/${s.progress.total}`).join(", ")}).`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 5000));
  }
  const candidate = states.get(candidateId)!.summary?.miou ?? null;
  const baseline = states.get(baselineId)!.summary?.miou ?? null;
  const verdict = compareMiou(baseline, candidate, o.maxDropPoints);
  log(verdict.message);
  // A warning, not a verdict: the gate's exit code keeps its documented meaning. An older server without the route is no error.
  const leakage = await api<{ checked: boolean; leakedImages: number; without: { miou: number | null } | null; pending: { hashed: number; total: number } | null }>(
    "GET",
    `/evaluations/${candidateId}/leakage`,
  ).catch(() => null);
  if (leakage?.pending) log(`NOTE: the leakage check is not complete (${leakage.pending.hashed} of ${leakage.pending.total} images hashed): near-duplicates may be missing.`);
  const candidateLeakage = leakage?.checked && leakage.leakedImages > 0 ? { leakedImages: leakage.leakedImages, miouWithout: leakage.without?.miou ?? null } : null;
  if (candidateLeakage) {
    const without = candidateLeakage.miouWithout === null ? "none left" : `${(candidateLeakage.miouWithout * 100).toFixed(2)}`;
    log(`WARNING: ${candidateLeakage.leakedImages} evaluated image(s) are in the model version's training data (identical or near-duplicate); mIoU without them: ${without}`);
  }
  return { ...verdict, candidate: { evaluationId: candidateId, miou: candidate }, baseline: { evaluationId: baselineId, miou: baseline }, candidateLeakage };
}

/** Parses the command line and the environment (INTERSECT_URL, INTERSECT_TOKEN); a string is a usage error. */
export function parseGateArgs(argv: readonly string[], env: Record<string, string | undefined>): GateOptions | string {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        "model-version": { type: "string" },
        dataset: { type: "string" },
        "dataset-version": { type: "string" },
        "baseline-version": { type: "string" },
        "baseline-evaluation": { type: "string" },
        "max-drop": { type: "string", default: "1" },
        "poll-seconds": { type: "string", default: "5" },
        "timeout-minutes": { type: "string", default: "60" },
      },
      strict: true,
    }).values;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const baseUrl = env.INTERSECT_URL;
  const token = env.INTERSECT_TOKEN;
  if (!baseUrl || !token) return "set INTERSECT_URL and INTERSECT_TOKEN";
  if (!values["model-version"] || !values.dataset) return "--model-version and --dataset are required";
  if (!values["baseline-version"] === !values["baseline-evaluation"]) return "give one of --baseline-version and --baseline-evaluation";
  const maxDropPoints = Number(values["max-drop"]);
  const datasetVersion = values["dataset-version"] === undefined ? undefined : Number(values["dataset-version"]);
  if (!(maxDropPoints >= 0)) return "--max-drop must be a number of points >= 0";
  if (datasetVersion !== undefined && !(Number.isInteger(datasetVersion) && datasetVersion > 0)) return "--dataset-version must be a version number";
  return {
    baseUrl,
    token,
    modelVersionId: values["model-version"],
    datasetId: values.dataset,
    datasetVersion,
    baselineVersionId: values["baseline-version"],
    baselineEvaluationId: values["baseline-evaluation"],
    maxDropPoints,
    pollMs: Number(values["poll-seconds"]) * 1000,
    timeoutMs: Number(values["timeout-minutes"]) * 60_000,
  };
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${GATE_USAGE}\n`);
    return;
  }
  const options = parseGateArgs(process.argv.slice(2), process.env);
  if (typeof options === "string") {
    process.stderr.write(`error: ${options}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const result = await runGate({ ...options, log: (line) => process.stdout.write(`${line}\n`) });
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) void main();
