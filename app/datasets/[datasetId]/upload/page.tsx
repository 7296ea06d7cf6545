import type { Metadata } from "next";
import Link from "next/link";
import { DatasetUploadWizard } from "@/components/dataset-upload-wizard";
import { getDatasetOverview } from "@/lib/server/db/datasets";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";

export async function generateMetadata({ params }: { params: Promise<{ datasetId: string }> }): Promise<Metadata> {
  const { datasetId } = await params;
  return { title: await ownedPageTitle(async (ownerId) => `Upload a version of ${(await findOwnedDataset({ ownerId, datasetId })).name}`, "Upload a version") };
}

/** Upload a version of an owned dataset: archive, mapping step, validation report, import. */
export default async function UploadVersionPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const user = await requirePageUser();
  const { datasetId } = await params;
  const dataset = await orNotFound(getDatasetOverview({ ownerId: user.id, datasetId, sampleLimit: 0 }));
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${dataset.app.id}`}>{dataset.app.name}</Link> / <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link> / Upload
      </div>
      <h1>Upload a version of {dataset.name}</h1>
      <p className="muted">
        A .zip, .tar or .tar.gz in one of the layouts: images/ + masks/ pairs, Pascal VOC, Cityscapes, CamVid or ADE20K (see the README, &quot;Bring your own data&quot;).
      </p>
      <DatasetUploadWizard datasetId={dataset.id} hasVersions={dataset.versions.length > 0} />
    </>
  );
}
