import type { Metadata } from "next";
import Link from "next/link";
import { listApps } from "@/lib/server/db/apps";
import { requirePageUser } from "@/lib/server/transport/page";
import { plural } from "@/lib/core/charts/score-format";
import { CreateAppForm } from "@/components/create-app-form";

// The root layout's title template does not apply to a page in its own folder: the full title is spelled out.
export const metadata: Metadata = { title: { absolute: "Apps — Intersect" } };

export default async function HomePage() {
  const user = await requirePageUser();
  const apps = await listApps({ ownerId: user.id });
  return (
    <>
      <h1>Your apps</h1>
      <p className="muted">An app holds models and evaluation datasets. Evaluate any model version on any dataset you own.</p>
      {apps.length === 0 ? (
        <p className="panel">You have no apps yet. Create one below, or import a dataset and a model with the admin commands described in the README.</p>
      ) : (
        <div className="grid">
          {apps.map((app) => (
            <Link key={app.id} href={`/apps/${app.id}`} className="panel">
              <strong>{app.name}</strong>
              <p className="muted">{app.description}</p>
              <span className="badge">{plural(app._count.models, "model")}</span>
              <span className="badge">{plural(app._count.datasets, "dataset")}</span>
            </Link>
          ))}
        </div>
      )}
      <h2>New app</h2>
      <CreateAppForm />
    </>
  );
}
