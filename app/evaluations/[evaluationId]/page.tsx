import type { Metadata } from "next";
import Link from "next/link";
import { listWorstSamples } from "@/lib/server/db/evaluation-results";
import { getEvaluationPage, getEvaluationTitle } from "@/lib/server/db/evaluations";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { EvaluationProgress } from "@/components/evaluation-progress";
import { StartEvaluationButton } from "@/components/start-evaluation-button";
import { EvaluationSummary } from "@/components/evaluation-summary";
import { ClassResultsTable } from "@/components/class-results-table";
import { WorstSamples } from "@/components/worst-samples";
import { PerClassChart } from "@/components/per-class-chart";
import { TagResultsTable } from "@/components/tag-results-table";
import { ComparisonTables, EditedMappingNote } from "@/components/comparison-tables";
import { currentResultsByTag } from "@/lib/server/evaluation/by-tag";
import { compareEvaluation } from "@/lib/server/evaluation/compare";
import { ConfusionMatrix } from "@/components/confusion-matrix";
import { ThresholdControl } from "@/components/threshold-control";
import { ImageBrowser } from "@/components/image-browser";
import { ClassComparison } from "@/components/class-comparison";
import { DatasetChart } from "@/components/dataset-chart";
import { EvaluationManage } from "@/components/evaluation-manage";
import { plural } from "@/lib/core/charts/score-format";
import { confusionMatrixOf } from "@/lib/server/results/confusion";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { getEvaluationClassView } from "@/lib/server/evaluation/class-mapping-checks";
import { checkEvaluationLeakage } from "@/lib/server/models/leakage";
import { ClassMappingPanel } from "@/components/class-mapping-panel";
import { LeakageWarning } from "@/components/leakage-warning";
import { ResultsDownloads } from "@/components/results-downloads";
import { DeferredConfusionMatrix } from "@/components/deferred-confusion-matrix";

export const dynamic = "force-dynamic";

/** Above this many classes the confusion heatmap is rendered in the browser after the page, not in its first response. */
const DEFERRED_MATRIX_CLASSES = 40;

/** "Evaluation: <model> vN on <dataset> vM" (a generic title for a missing or another owner's id). */
export async function generateMetadata({ params }: { params: Promise<{ evaluationId: string }> }): Promise<Metadata> {
  const { evaluationId } = await params;
  return { title: await ownedPageTitle((ownerId) => getEvaluationTitle({ ownerId, evaluationId }), "Evaluation") };
}

export default async function EvaluationPage({ params }: { params: Promise<{ evaluationId: string }> }) {
  const user = await requirePageUser();
  const { evaluationId } = await params;
  const e = await orNotFound(getEvaluationPage({ ownerId: user.id, evaluationId }));
  const model = e.modelVersion.model;
  const dataset = e.datasetVersion.dataset;
  const classes = e.datasetVersion.classes;
  const deferMatrix = classes.length > DEFERRED_MATRIX_CLASSES;
  const crossApp = model.app.id !== dataset.app.id;
  const summary = e.summary;
  const [classView, leakage] = await Promise.all([getEvaluationClassView({ ownerId: user.id, evaluationId }), checkEvaluationLeakage({ ownerId: user.id, evaluationId })]);
  const [worst, comparison, byTag, matrix] =
    e.status === "succeeded"
      ? await Promise.all([
          listWorstSamples({ ownerId: user.id, evaluationId, take: 8 }),
          compareEvaluation({ ownerId: user.id, evaluationId }),
          // Tags can be edited after the run: recomputed when the images' tags are no longer those stored with the summary.
          currentResultsByTag({ ownerId: user.id, evaluationId }),
          // Stored at finalize; evaluations finished before that sum their per-image matrices once (cached).
          // Many classes: the heatmap loads after the page (DeferredConfusionMatrix), keeping the first response small.
          deferMatrix
            ? null
            : summary?.confusion?.length === classes.length
              ? summary.confusion
              : loadImageIndex({ ownerId: user.id, evaluationId }).then((index) => confusionMatrixOf(index).matrix),
        ])
      : [[], null, [], null];
  const viewerClasses = classes.map((c) => ({ index: c.index, name: c.name, color: c.color }));

  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${model.app.id}`}>{model.app.name}</Link> /{" "}
        <Link href={`/models/${model.id}`}>{model.name}</Link> / evaluation
      </div>
      <h1>
        Evaluation results: {model.name} v{e.modelVersion.number} on {dataset.name} v{e.datasetVersion.number}
      </h1>
      {e.settings.name ? <p className="evaluation-name">“{e.settings.name}”</p> : null}
      <p className="muted">
        Dataset from app “{dataset.app.name}”{crossApp ? " (another app: cross-app evaluation)" : ""} · {plural(e.datasetVersion.sampleCount, "sample")} ·{" "}
        {plural(classes.length, "class", "classes")}
        {e.datasetVersion.ignoreIndex !== null ? ` · ignore index ${e.datasetVersion.ignoreIndex}` : ""} · runner {e.modelVersion.runnerKind} ·{" "}
        <span className={`badge ${e.status}`}>{e.status}</span>
      </p>
      <EvaluationManage evaluationId={e.id} name={e.settings.name ?? null} modelId={model.id} active={e.status === "queued" || e.status === "running"} />
      <LeakageWarning matches={leakage.matches} without={e.status === "succeeded" ? leakage.without : null} pending={leakage.pending} />
      <ClassMappingPanel evaluationId={e.id} {...classView} />

      {e.status === "created" ? (
        <section className="panel">
          <p>
            Ready to evaluate <strong>{model.name} v{e.modelVersion.number}</strong> on <strong>{dataset.name} v{e.datasetVersion.number}</strong> (
            {plural(e.datasetVersion.sampleCount, "image")}). The run happens in the background: you can leave this page and come back.
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
          <ResultsDownloads evaluationId={e.id} />
          <h2>IoU threshold</h2>
          <ThresholdControl evaluationId={e.id} initialT={summary.threshold} />
          <h2>Per-class results</h2>
          <PerClassChart
            rows={e.classResults.map((c) => ({
              classIndex: c.classIndex,
              name: c.name,
              iou: c.iou,
              dice: c.dice,
              iouLow: summary.perClassIouCi?.[c.classIndex]?.low ?? null,
              iouHigh: summary.perClassIouCi?.[c.classIndex]?.high ?? null,
            }))}
            classColors={classes.map((c) => [c.index, c.color])}
          />
          <ClassResultsTable rows={e.classResults} classes={classes} iouCi={summary.perClassIouCi} />
          <h2>Confusion matrix</h2>
          {deferMatrix ? <DeferredConfusionMatrix evaluationId={e.id} /> : matrix ? <ConfusionMatrix evaluationId={e.id} matrix={matrix} classes={viewerClasses} /> : null}
          <h2>Per-image results</h2>
          <ImageBrowser evaluationId={e.id} classes={viewerClasses} />
          <h2>Results by tag</h2>
          <TagResultsTable rows={byTag} overallMiou={summary.miou} />
          <h2>Comparison</h2>
          {comparison?.editedMapping?.self ? (
            // Not compared at all: the empty tables below would ask for evaluations that may well exist.
            <EditedMappingNote editedMapping={comparison.editedMapping} />
          ) : comparison ? (
            <>
              <EditedMappingNote editedMapping={comparison.editedMapping} />
              <ComparisonTables versions={comparison.versions} datasets={comparison.datasets} />
              <h3>Class by class</h3>
              <ClassComparison versions={comparison.versions} classes={viewerClasses} />
              <h3>This version across datasets</h3>
              <DatasetChart
                rows={[
                  { evaluationId: e.id, label: `${dataset.name} v${e.datasetVersion.number} (this)`, miou: summary.miou, low: summary.miouCi.low, high: summary.miouCi.high, current: true },
                  ...comparison.datasets.map((d) => ({ evaluationId: d.evaluationId, label: `${d.datasetName} v${d.datasetVersion}`, miou: d.miou, low: d.low ?? null, high: d.high ?? null, current: false })),
                ]}
              />
            </>
          ) : null}
          <h2>Worst images</h2>
          <WorstSamples evaluationId={e.id} samples={worst} />
        </>
      ) : null}
    </>
  );
}
