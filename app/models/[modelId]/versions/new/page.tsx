import Link from "next/link";
import { listDatasetsForPicker } from "@/lib/server/db/datasets";
import { findOwnedModel } from "@/lib/server/db/owned";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { NewModelVersionForm } from "@/components/new-model-version-form";

export default async function NewModelVersionPage({ params }: { params: Promise<{ modelId: string }> }) {
  const user = await requirePageUser();
  const { modelId } = await params;
  const model = await orNotFound(findOwnedModel({ ownerId: user.id, modelId }));
  const groups = await listDatasetsForPicker({ ownerId: user.id, currentAppId: model.appId });
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/models/${model.id}`}>{model.name}</Link> / New version
      </div>
      <h1>New version of {model.name}</h1>
      <NewModelVersionForm modelId={model.id} groups={groups} />
    </>
  );
}
