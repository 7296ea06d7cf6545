import type { Metadata } from "next";
import Link from "next/link";
import { getAppOverview } from "@/lib/server/db/apps";
import { findOwnedApp } from "@/lib/server/db/owned";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { CreateModelForm } from "@/components/create-model-form";

export async function generateMetadata({ params }: { params: Promise<{ appId: string }> }): Promise<Metadata> {
  const { appId } = await params;
  return { title: await ownedPageTitle(async (ownerId) => (await findOwnedApp({ ownerId, appId })).name, "App") };
}

export default async function AppPage({ params }: { params: Promise<{ appId: string }> }) {
  const user = await requirePageUser();
  const { appId } = await params;
  const app = await orNotFound(getAppOverview({ ownerId: user.id, appId }));
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / {app.name}
      </div>
      <h1>{app.name}</h1>
      <p className="muted">{app.description}</p>
      <h2>Models</h2>
      {app.models.length === 0 ? (
        <p className="muted">No models in this app yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Model</th>
              <th>Description</th>
              <th className="num">Versions</th>
            </tr>
          </thead>
          <tbody>
            {app.models.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link href={`/models/${m.id}`}>{m.name}</Link>
                </td>
                <td className="muted">{m.description}</td>
                <td className="num">{m._count.versions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateModelForm appId={app.id} />
      <h2>Datasets</h2>
      <p>
        <Link href={`/datasets/new?appId=${app.id}`}>New dataset</Link>
      </p>
      {app.datasets.length === 0 ? (
        <p className="muted">No datasets in this app yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Description</th>
              <th className="num">Latest version</th>
              <th className="num">Samples</th>
            </tr>
          </thead>
          <tbody>
            {app.datasets.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                </td>
                <td className="muted">{d.description}</td>
                <td className="num">{d.versions[0] ? `v${d.versions[0].number}` : "—"}</td>
                <td className="num">{d.versions[0]?.sampleCount ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
