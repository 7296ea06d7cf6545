import type { Metadata } from "next";
import Link from "next/link";
import { listDatasetVersionsForPicker } from "@/lib/server/db/datasets";
import { findOwnedApp, findOwnedModel } from "@/lib/server/db/owned";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { NewModelVersionForm } from "@/components/new-model-version-form";

export async function generateMetadata({ params }: { params: Promise<{ modelId: string }> }): Promise<Metadata> {
  const { modelId } = await params;
  return { title: await ownedPageTitle(async (ownerId) => `New version of ${(await findOwnedModel({ ownerId, modelId })).name}`, "New version") };
}

export default async function NewModelVersionPage({ params }: { params: Promise<{ modelId: string }> }) {
  const user = await requirePageUser();
  const { modelId } = await params;
  const model = await orNotFound(findOwnedModel({ ownerId: user.id, modelId }));
  const [app, groups] = await Promise.all([findOwnedApp({ ownerId: user.id, appId: model.appId }), listDatasetVersionsForPicker({ ownerId: user.id, currentAppId: model.appId })]);
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${app.id}`}>{app.name}</Link> / <Link href={`/models/${model.id}`}>{model.name}</Link> / New version
      </div>
      <h1>New version of {model.name}</h1>
      <NewModelVersionForm modelId={model.id} groups={groups} />
    </>
  );
}
