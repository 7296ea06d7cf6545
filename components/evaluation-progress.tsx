"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { cancelEvaluationAction } from "@/lib/server/actions/cancel-evaluation";
import { describeProgress } from "@/lib/core/evaluation/progress";
import { evaluationStatusDto, type EvaluationStatusDto } from "@/lib/contracts/evaluation-status";
import { queryKeys } from "@/lib/contracts/query-keys";
import { fetchDto } from "./fetch-dto";

/** What the page renders before the first poll: the fields of the status DTO the progress bar reads. */
export type ProgressSnapshot = Pick<EvaluationStatusDto, "status" | "progressDone" | "progressTotal" | "error" | "startedAt" | "serverTime">;

const ACTIVE = new Set(["queued", "running"]);

/** "45 s", "3 min 5 s", "1 h 2 min": the time left, rounded up. */
function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 90) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** Live progress of a queued or running evaluation; refreshes the page when the run ends. Survives reloads: it reads the server's state. */
export function EvaluationProgress({ evaluationId, initial }: { evaluationId: string; initial: ProgressSnapshot }) {
  const router = useRouter();
  const client = useQueryClient();
  const [cancelling, startCancel] = useTransition();
  // The status is cached only while this bar is shown: a cancelled or failed status kept from before would win over
  // `initial` when the run is started again (initialData only fills an empty cache) and stop the polling for good.
  useEffect(() => () => client.removeQueries({ queryKey: queryKeys.evaluation(evaluationId), exact: true }), [client, evaluationId]);
  const query = useQuery({
    queryKey: queryKeys.evaluation(evaluationId),
    queryFn: (): Promise<ProgressSnapshot> =>
      fetchDto(`/api/v1/evaluations/${encodeURIComponent(evaluationId)}`, evaluationStatusDto, { init: { cache: "no-store" } }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.status) ? 1000 : false),
  });
  const data = query.data;
  const active = ACTIVE.has(data.status);

  useEffect(() => {
    if (!active) router.refresh();
  }, [active, router]);

  // A resumed run starts with images already done: measure the rate from the first observation instead of from the start time.
  const basis = useRef<{ at: string; done: number } | null>(null);
  basis.current ??= { at: data.serverTime, done: data.progressDone };
  const fresh = basis.current.done === 0;
  const view = describeProgress(
    fresh ? data : { ...data, startedAt: basis.current.at, doneAtStart: basis.current.done },
  );
  return (
    <section className="panel" aria-label="Evaluation progress">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{data.status === "queued" ? "Queued — waiting for a worker" : "Evaluating…"}</strong>
        <span className="muted">
          {data.progressDone} / {data.progressTotal} images
          {view.rate !== null ? ` · ${view.rate.toFixed(1)} images/s` : ""}
          {view.rate === null && data.status === "running" ? " · measuring rate…" : ""}
          {view.secondsLeft !== null ? ` · about ${formatDuration(view.secondsLeft)} left` : ""}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Evaluation progress"
        aria-valuemin={0}
        aria-valuemax={data.progressTotal}
        aria-valuenow={data.progressDone}
        style={{ margin: "0.6rem 0" }}
      >
        <div style={{ width: `${view.percent}%` }} />
      </div>
      <button
        type="button"
        className="secondary"
        disabled={cancelling}
        onClick={() =>
          startCancel(async () => {
            await cancelEvaluationAction({ evaluationId });
            await query.refetch();
          })
        }
      >
        Cancel
      </button>
    </section>
  );
}
