import type { Metadata } from "next";
import Link from "next/link";
import { listApps } from "@/lib/server/db/apps";
import { listDatasetsForPicker } from "@/lib/server/db/datasets";
import { listLeaderboardEvaluations, listModelEvaluations } from "@/lib/server/db/evaluations";
import { prepareLeaderboard } from "@/lib/core/charts/leaderboard";
import { LeaderboardTable } from "@/components/leaderboard-table";
import { listVersionRows } from "@/lib/server/models/version-rows";
import { findOwnedModel } from "@/lib/server/db/owned";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { NewEvaluationDialog } from "@/components/new-evaluation-dialog";
import { VersionsTable } from "@/components/versions-table";
import { EvaluationsList } from "@/components/evaluations-list";
import { TestOneImage } from "@/components/test-one-image";
import { pairsSharingTrainingImages } from "@/lib/server/models/leakage";

export async function generateMetadata({ params }: { params: Promise<{ modelId: string }> }): Promise<Metadata> {
  const { modelId } = await params;
  return { title: await ownedPageTitle(async (ownerId) => (await findOwnedModel({ ownerId, modelId })).name, "Model") };
}

export default async function ModelPage({ params }: { params: Promise<{ modelId: string }> }) {
  const user = await requirePageUser();
  const { modelId } = await params;
  const { model, versions } = await orNotFound(listVersionRows({ ownerId: user.id, modelId }));
  const [groups, allApps, evaluations, finished] = await Promise.all([
    listDatasetsForPicker({ ownerId: user.id, currentAppId: model.app.id }),
    listApps({ ownerId: user.id }),
    listModelEvaluations({ ownerId: user.id, modelId }),
    listLeaderboardEvaluations({ ownerId: user.id, modelId }),
  ]);
  // Every app of the user's (not only those with datasets) for "Upload a new dataset"; this model's app first, as the default.
  const apps = [...allApps.filter((a) => a.id === model.app.id), ...allApps.filter((a) => a.id !== model.app.id)].map((a) => ({ id: a.id, name: a.name }));
  const trainedOn = new Map(versions.map((v) => [v.number, v.trainedOn.map((t) => t.datasetVersionId)]));
  const leaking = await pairsSharingTrainingImages(
    finished.map((e) => ({ modelVersion: e.modelVersion.number, datasetVersionId: e.datasetVersion.id })),
    trainedOn,
  );
  const board = prepareLeaderboard(
    finished.map((e) => ({
      evaluationId: e.id,
      modelVersion: e.modelVersion.number,
      datasetVersionId: e.datasetVersion.id,
      datasetLabel: `${e.datasetVersion.dataset.name} v${e.datasetVersion.number}`,
      appName: e.datasetVersion.dataset.app.name,
      finishedAt: (e.finishedAt ?? e.createdAt).toISOString(),
      miou: e.summary?.miou ?? null,
      low: e.summary?.miouCi.low ?? null,
      high: e.summary?.miouCi.high ?? null,
      customMapping: e.customMapping,
      trainedOn: leaking.has(`${e.modelVersion.number}|${e.datasetVersion.id}`),
    })),
  );
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${model.app.id}`}>{model.app.name}</Link> / {model.name}
      </div>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div>
          <h1>{model.name}</h1>
          <p className="muted">{model.description}</p>
        </div>
        <NewEvaluationDialog modelName={model.name} groups={groups} apps={apps} modelVersions={versions.map((v) => ({ id: v.id, number: v.number, picker: v.picker }))} />
      </div>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>Versions</h2>
        <Link href={`/models/${model.id}/versions/new`}>New version</Link>
      </div>
      {versions.length === 0 ? <p className="muted">This model has no versions yet.</p> : <VersionsTable versions={versions} groups={groups} />}
      {versions.length > 0 ? <TestOneImage groups={groups} modelVersions={versions.map((v) => ({ id: v.id, number: v.number, picker: v.picker }))} /> : null}
      <h2>Leaderboard</h2>
      <p className="muted">mIoU of the latest finished evaluation of each version on each dataset version, with its 95% bootstrap interval; ★ = best on that dataset.</p>
      <LeaderboardTable board={board} />
      <h2>Recent evaluations</h2>
      <EvaluationsList evaluations={evaluations} />
    </>
  );
}
