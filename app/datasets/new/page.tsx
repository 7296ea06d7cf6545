import type { Metadata } from "next";
import Link from "next/link";
import { listApps } from "@/lib/server/db/apps";
import { requirePageUser } from "@/lib/server/transport/page";
import { NewDatasetRedirect } from "./new-dataset-redirect";

export const metadata: Metadata = { title: "New dataset" };

/** Create a dataset (in an existing app or a new one), then upload its first version. */
export default async function NewDatasetPage({ searchParams }: { searchParams: Promise<{ appId?: string }> }) {
  const user = await requirePageUser();
  const { appId } = await searchParams;
  const apps = (await listApps({ ownerId: user.id })).map((a) => ({ id: a.id, name: a.name }));
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / New dataset
      </div>
      <h1>New dataset</h1>
      <NewDatasetRedirect apps={apps} defaultAppId={apps.some((a) => a.id === appId) ? appId : undefined} />
    </>
  );
}
