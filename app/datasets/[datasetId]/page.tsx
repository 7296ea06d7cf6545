import type { Metadata } from "next";
import { formatUtcMinute } from "@/lib/core/format";
import Link from "next/link";
import { getDatasetOverview } from "@/lib/server/db/datasets";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { TagBadges } from "@/components/tag-badges";

export async function generateMetadata({ params }: { params: Promise<{ datasetId: string }> }): Promise<Metadata> {
  const { datasetId } = await params;
  return { title: await ownedPageTitle(async (ownerId) => (await findOwnedDataset({ ownerId, datasetId })).name, "Dataset") };
}

export default async function DatasetPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const user = await requirePageUser();
  const { datasetId } = await params;
  const dataset = await orNotFound(getDatasetOverview({ ownerId: user.id, datasetId }));
  const latest = dataset.latest;
  const classes = latest?.classes ?? [];
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${dataset.app.id}`}>{dataset.app.name}</Link> / {dataset.name}
      </div>
      <h1>{dataset.name}</h1>
      <p className="muted">{dataset.description}</p>
      <p>
        <Link href={`/datasets/${dataset.id}/upload`}>Upload a version</Link>
      </p>
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th className="num">Samples</th>
            <th className="num">Classes</th>
            <th>Ignore index</th>
            <th>Note</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {dataset.versions.map((v) => (
            <tr key={v.id}>
              <td>
                <Link href={`/datasets/${dataset.id}/versions/${v.number}`}>v{v.number}</Link>
              </td>
              <td className="num">{v.sampleCount}</td>
              <td className="num">{v.classes.length}</td>
              <td>{v.ignoreIndex ?? "—"}</td>
              <td className="muted">{v.note}</td>
              <td className="muted">{formatUtcMinute(v.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {latest ? (
        <>
          <h2>Classes (v{latest.number})</h2>
          <p>
            {classes.map((c) => (
              <span key={c.index} className="badge">
                <span className="swatch" style={{ background: `rgb(${c.color[0]},${c.color[1]},${c.color[2]})` }} />
                {c.index}: {c.name}
              </span>
            ))}
          </p>
          <h2>Samples (v{latest.number})</h2>
          <p>
            <Link href={`/datasets/${dataset.id}/versions/${latest.number}`}>Browse all samples of v{latest.number}</Link> (gallery with masks, filters and tags)
          </p>
          <div className="thumbs">
            {dataset.samples.map((s) => (
              <figure key={s.id}>
                <img src={`/api/v1/samples/${s.id}/image`} alt={`Image ${s.name}`} loading="lazy" />
                <figcaption>
                  <strong>{s.name}</strong> · {s.width}×{s.height}
                  <br />
                  <TagBadges tags={s.tags} />
                </figcaption>
              </figure>
            ))}
          </div>
          {latest.sampleCount > dataset.samples.length ? (
            <p className="muted">
              Showing the first {dataset.samples.length} of {latest.sampleCount} samples.
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">
          No version yet: <Link href={`/datasets/${dataset.id}/upload`}>upload an archive</Link>, or import one with `npm run -s admin -- import-dataset` (see the README).
        </p>
      )}
    </>
  );
}
