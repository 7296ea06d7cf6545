import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SampleGallery } from "@/components/sample-gallery";
import { plural } from "@/lib/core/charts/score-format";
import { diffVersions, findPreviousVersionId, getOwnedVersionByNumber, getVersionStats } from "@/lib/server/db/dataset-version-stats";
import { orNotFound, requirePageUser } from "@/lib/server/transport/page";
import { ownedPageTitle } from "@/lib/server/transport/page-title";
import { parseVersionNumber } from "@/lib/contracts/version-number";

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

export async function generateMetadata({ params }: { params: Promise<{ datasetId: string; number: string }> }): Promise<Metadata> {
  const { datasetId, number: raw } = await params;
  const number = parseVersionNumber(raw);
  if (number === null) return { title: "Dataset version" };
  return {
    title: await ownedPageTitle(async (ownerId) => {
      const v = await getOwnedVersionByNumber({ ownerId, datasetId, number });
      return `${v.dataset.name} v${v.number}`;
    }, "Dataset version"),
  };
}

/** One dataset version: counts, classes with pixels and images, tags, changes since the previous version, and the gallery. */
export default async function DatasetVersionPage({ params }: { params: Promise<{ datasetId: string; number: string }> }) {
  const user = await requirePageUser();
  const { datasetId, number: raw } = await params;
  const number = parseVersionNumber(raw);
  if (number === null) notFound();
  const v = await orNotFound(getOwnedVersionByNumber({ ownerId: user.id, datasetId, number }));
  const stats = await getVersionStats({ datasetVersionId: v.id });
  const previous = await findPreviousVersionId({ datasetId: v.dataset.id, number });
  const diff = previous ? await diffVersions({ previousId: previous.id, currentId: v.id }) : null;
  const byClass = new Map(stats.perClass.map((c) => [c.classIndex, c]));
  const totalPixels = stats.perClass.reduce((s, c) => s + c.pixels, 0);
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / <Link href={`/apps/${v.dataset.app.id}`}>{v.dataset.app.name}</Link> / <Link href={`/datasets/${v.dataset.id}`}>{v.dataset.name}</Link> / v{v.number}
      </div>
      <h1>
        {v.dataset.name} v{v.number}
      </h1>
      {v.note ? <p className="muted">{v.note}</p> : null}
      <div className="stats">
        <div className="stat">
          <strong>{v.sampleCount}</strong> images
        </div>
        <div className="stat">
          <strong>{v.classes.length}</strong> classes
        </div>
        <div className="stat">
          void = <strong>{v.ignoreIndex ?? "none"}</strong>
        </div>
      </div>
      <h2>Classes</h2>
      <table>
        <thead>
          <tr>
            <th className="num">Index</th>
            <th>Class</th>
            <th className="num">Pixels</th>
            <th className="num">Share</th>
            <th className="num">Images</th>
          </tr>
        </thead>
        <tbody>
          {v.classes.map((c) => {
            const s = byClass.get(c.index);
            return (
              <tr key={c.index}>
                <td className="num">{c.index}</td>
                <td>
                  <span className="swatch" style={{ background: rgb(c.color) }} /> {c.name}
                </td>
                <td className="num">{(s?.pixels ?? 0).toLocaleString()}</td>
                <td className="num">{totalPixels ? `${((100 * (s?.pixels ?? 0)) / totalPixels).toFixed(1)}%` : "—"}</td>
                <td className="num">{s?.images ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {stats.samplesWithoutCounts ? <p className="muted">{plural(stats.samplesWithoutCounts, "sample")} imported before class counts were recorded and are not counted.</p> : null}
      <h2>Tags</h2>
      {stats.tags.length === 0 ? (
        <p className="muted">No tags. Select samples below to tag them.</p>
      ) : (
        <p>
          {stats.tags.map((t) => (
            <span key={t.tag} className="badge">
              {t.tag}: {t.count}
            </span>
          ))}
        </p>
      )}
      <h2>Changes since {previous ? `v${previous.number}` : "the start"}</h2>
      {diff && previous ? (
        <ul aria-label="Changes">
          {(["added", "removed", "changed"] as const).map((k) => (
            <li key={k}>
              {diff[k].count} {k}
              {diff[k].count ? `: ${diff[k].names.join(", ")}${diff[k].count > diff[k].names.length ? ", …" : ""}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">The first version: {v.sampleCount === 1 ? "its 1 sample is" : `all ${v.sampleCount} samples are`} new.</p>
      )}
      <h2>Samples</h2>
      <SampleGallery datasetId={v.dataset.id} number={v.number} isLatest={v.isLatest} classes={v.classes.map((c) => ({ index: c.index, name: c.name, color: c.color }))} tags={stats.tags.map((t) => t.tag)} />
    </>
  );
}
