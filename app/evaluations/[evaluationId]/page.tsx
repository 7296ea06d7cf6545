import Link from "next/link";
import { listWorstSamples } from "@/lib/server/db/evaluation-results";
import { getEvaluationPage } from "@/lib/server/db/evaluations";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { EvaluationProgress } from "@/components/evaluation-progress";
import { StartEvaluationButton } from "@/components/start-evaluation-button";
import { EvaluationSummary } from "@/components/evaluation-summary";
import { ClassResultsTable } from "@/components/class-results-table";
import { WorstSamples } from "@/components/worst-samples";
import { PerClassChart } from "@/components/per-class-chart";
import { TagResultsTable } from "@/components/tag-results-table";
import { ComparisonTables } from "@/components/comparison-tables";
import { compareEvaluation } from "@/lib/server/evaluation/compare";

export const dynamic = "force-dynamic";

export default async function EvaluationPage({ params }: { params: Promise<{ evaluationId: string }> }) {
  const user = await requirePageUser();
  const { evaluationId } = await params;
  const e = await orNotFound(getEvaluationPage({ ownerId: user.id, evaluationId }));
  const model = e.modelVersion.model;
  const dataset = e.datasetVersion.dataset;
  const classes = e.datasetVersion.classes;
  const crossApp = model.app.id !== dataset.app.id;
  const summary = e.summary;
  const [worst, comparison] =
    e.status === "succeeded"
      ? await Promise.all([listWorstSamples({ ownerId: user.id, evaluationId, take: 8 }), compareEvaluation({ ownerId: user.id, evaluationId })])
      : [[], null];

  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${model.app.id}`}>{model.app.name}</Link> /{" "}
        <Link href={`/models/${model.id}`}>{model.name}</Link> / evaluation
      </div>
      <h1>
        Evaluation results: {model.name} v{e.modelVersion.number} on {dataset.name} v{e.datasetVersion.number}
      </h1>
      <p className="muted">
        Dataset from app “{dataset.app.name}”{crossApp ? " (another app: cross-app evaluation)" : ""} · {e.datasetVersion.sampleCount} samples ·{" "}
        {classes.length} classes
        {e.datasetVersion.ignoreIndex !== null ? ` · ignore index ${e.datasetVersion.ignoreIndex}` : ""} · runner {e.modelVersion.runnerKind} ·{" "}
        <span className={`badge ${e.status}`}>{e.status}</span>
      </p>

      {e.status === "created" ? (
        <section className="panel">
          <p>
            Ready to evaluate <strong>{model.name} v{e.modelVersion.number}</strong> on <strong>{dataset.name} v{e.datasetVersion.number}</strong> (
            {e.datasetVersion.sampleCount} images). The run happens in the background: you can leave this page and come back.
          </p>
          <StartEvaluationButton evaluationId={e.id} />
        </section>
      ) : null}

      {e.status === "queued" || e.status === "running" ? (
        <EvaluationProgress
          evaluationId={e.id}
          initial={{
            status: e.status,
            progressDone: e.progressDone,
            progressTotal: e.progressTotal,
            error: e.error,
            startedAt: e.startedAt?.toISOString() ?? null,
            serverTime: new Date().toISOString(),
          }}
        />
      ) : null}

      {e.status === "failed" || e.status === "cancelled" ? (
        <section className="panel">
          <p className={e.status === "failed" ? "error" : "muted"} role={e.status === "failed" ? "alert" : undefined}>
            {e.status === "failed" ? `The evaluation failed: ${e.error ?? "unknown error"}` : "The evaluation was cancelled."} {e.progressDone} of{" "}
            {e.progressTotal} images were finished and are kept; evaluating again resumes from there.
          </p>
          <StartEvaluationButton evaluationId={e.id} />
        </section>
      ) : null}

      {e.status === "succeeded" && summary ? (
        <>
          <EvaluationSummary summary={summary} />
          <h2>Per-class results</h2>
          <PerClassChart
            rows={e.classResults.map((c) => ({ classIndex: c.classIndex, name: c.name, iou: c.iou, dice: c.dice }))}
            classColors={classes.map((c) => [c.index, c.color])}
          />
          <ClassResultsTable rows={e.classResults} classes={classes} iouCi={summary.perClassIouCi} />
          <h2>Results by tag</h2>
          <TagResultsTable rows={summary.byTag ?? []} overallMiou={summary.miou} />
          <h2>Comparison</h2>
          {comparison ? <ComparisonTables versions={comparison.versions} datasets={comparison.datasets} /> : null}
          <h2>Worst images</h2>
          <WorstSamples evaluationId={e.id} samples={worst} />
        </>
      ) : null}
    </>
  );
}
