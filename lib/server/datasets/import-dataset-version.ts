import "server-only";
import { AppError } from "@/lib/core/errors";
import { getPrisma } from "@/lib/server/db/client";
import { findDatasetVersion } from "@/lib/server/db/dataset-versions";
import { findOwnedApp, findOwnedDataset } from "@/lib/server/db/owned";
import { iterateVersionSamples, listVersionTagsByName } from "@/lib/server/db/samples";
import { importDatasetVersion, createDatasetVersion, type ImportDeps, type KeptSample, type NewSample } from "./create-version";
import { latestVersionClasses } from "./latest-version-classes";
import { extractArchive, inspectImport, openFolderSource, readPlanSamples, type ImportReport, type ImportSource, type InspectOptions } from "./import";
import type { ImportProblem } from "@/lib/core/import/plan";
import { formatNameList } from "@/lib/core/text/name-list";

/** Where an import reads from: an archive file, a server-side folder, or a source already opened (an upload's staging folder). */
export type ImportSourceSpec = { archive: string; name?: string; stagingRoot?: string } | { dir: string } | { source: ImportSource };

/** The dataset a version goes to: an owned dataset, or a dataset of an owned app by name (created at the final step when new). */
export type ImportTarget = { datasetId: string } | { appId: string; datasetName: string };

export interface ImportDatasetInput {
  ownerId: string;
  target: ImportTarget;
  source: ImportSourceSpec;
  options?: InspectOptions;
  /** Import only the samples without problems instead of refusing the whole import. */
  validSubset?: boolean;
  note?: string;
  /**
   * "new" (default): the version holds exactly the imported samples.
   * "update": the latest version's samples, with imported ones added or
   * replacing same-named ones (unchanged samples are shared, not copied).
   */
  mode?: "new" | "update";
  /** With "update": names of the latest version's samples to leave out. */
  remove?: readonly string[];
}

export interface ImportOutcome {
  datasetId: string;
  datasetCreated: boolean;
  id: string;
  number: number;
  sampleCount: number;
  /** Left out because of a problem (validSubset only): samples, and files that did not pair into one (an image without a mask, …). */
  skipped: number;
  report: ImportReport;
}

/** Thrown when an import is refused for per-file problems; `problems` lists them all, each naming its file. */
export class ImportProblemsError extends AppError {
  constructor(
    message: string,
    readonly problems: ImportProblem[],
  ) {
    super("invalid_input", message, { fieldErrors: groupByFile(problems) });
  }
}

function groupByFile(problems: readonly ImportProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.file] ??= []).push(p.problem);
  return out;
}

/** Opens the source; the caller must call `cleanup` (a no-op for folders and given sources). */
export async function openImportSource(spec: ImportSourceSpec): Promise<ImportSource> {
  if ("source" in spec) return { ...spec.source, cleanup: async () => {} };
  if ("dir" in spec) return openFolderSource({ dir: spec.dir });
  return extractArchive({ file: spec.archive, name: spec.name, stagingRoot: spec.stagingRoot });
}

/**
 * The one import path (web upload, admin CLI, REST API): checks ownership,
 * opens the source, plans and validates it (inspectImport), refuses with
 * every per-file problem unless `validSubset`, then streams the samples one
 * at a time through the staged version writer (memory does not grow with
 * the dataset) and flips the staged rows into a version in one final
 * transaction. Extracted archives are removed in every case.
 */
export async function importDataset(input: ImportDatasetInput, deps: ImportDeps = {}): Promise<ImportOutcome> {
  const db = deps.db ?? getPrisma();
  const target = "datasetId" in input.target ? await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.target.datasetId }, db) : null;
  if (!target && "appId" in input.target) await findOwnedApp({ ownerId: input.ownerId, appId: input.target.appId }, db);
  const source = await openImportSource(input.source);
  try {
    const update = input.mode === "update" && target !== null && !input.options?.classes;
    const report = await inspectImport(source, { ...input.options, fallbackClasses: update ? await latestVersionClasses(target.id, db) : undefined });
    const invalid = new Set(report.invalidSamples);
    if (report.problems.length > 0 && !input.validSubset) {
      const first = report.problems.slice(0, 3).map((p) => `${p.file}: ${p.problem}`).join("; ");
      const more = report.problems.length > 3 ? `; and ${report.problems.length - 3} more` : "";
      throw new ImportProblemsError(`${source.label}: ${report.problems.length} problem(s): ${first}${more}`, report.problems);
    }
    const valid = new Set(report.plan.samples.map((s) => s.name).filter((n) => !invalid.has(n)));
    if (valid.size === 0) throw new ImportProblemsError(`${source.label}: no valid samples to import.`, report.problems);
    const imported = readPlanSamples(source, report.plan, { only: valid, limits: input.options?.limits });
    const classes = report.plan.classes;
    const common = { ownerId: input.ownerId, classes, ignoreIndex: report.plan.ignoreIndex, note: input.note };
    let samples: AsyncIterable<NewSample | KeptSample> = imported;
    if (input.mode === "update") {
      if (!target) throw new AppError("invalid_input", "An update needs an existing dataset.");
      samples = await withLatestSamples(target.id, classes, imported, new Set([...(input.remove ?? [])]), db);
    }
    const version = target
      ? { ...(await createDatasetVersion({ ...common, datasetId: target.id, samples }, { ...deps, db })), datasetId: target.id, datasetCreated: false }
      : await importDatasetVersion({ ...common, ...(input.target as { appId: string; datasetName: string }), samples }, { ...deps, db });
    return { ...version, skipped: report.plan.samples.length - valid.size + report.plan.problems.length, report };
  } finally {
    await source.cleanup();
  }
}

/**
 * The latest version's samples (minus `remove` and minus names the import
 * replaces), then the imported ones. Names of the import are collected as it
 * streams, so the kept samples come last: the latest version is read in
 * pages after the import's samples have passed. A replaced sample keeps the
 * tags it had unless the import gives it tags of its own.
 */
async function withLatestSamples(
  datasetId: string,
  classes: readonly { name: string }[],
  imported: AsyncIterable<NewSample>,
  remove: ReadonlySet<string>,
  db: ReturnType<typeof getPrisma>,
): Promise<AsyncIterable<NewSample | KeptSample>> {
  const latest = await findDatasetVersion({ datasetId }, db);
  if (!latest) return imported;
  assertSameClasses(latest.classes, classes, latest.number);
  const tagsBefore = await listVersionTagsByName({ datasetVersionId: latest.id }, db);
  return (async function* () {
    const seen = new Set<string>();
    for await (const s of imported) {
      seen.add(s.name);
      const before = tagsBefore.get(s.name);
      yield before && !s.tags?.length ? { ...s, tags: before } : s;
    }
    for await (const kept of iterateVersionSamples({ datasetVersionId: latest.id }, db)) {
      if (!seen.has(kept.name) && !remove.has(kept.name)) yield { kept };
    }
  })();
}

function assertSameClasses(before: readonly { name: string }[], after: readonly { name: string }[], number: number): void {
  const same = before.length === after.length && before.every((c, i) => c.name === after[i].name);
  if (!same) {
    throw new AppError(
      "invalid_input",
      `The import's classes (${after.map((c) => c.name).join(", ")}) differ from version ${number}'s (${before.map((c) => c.name).join(", ")}); import it as a new version instead of an update.`,
    );
  }
}

/**
 * A new version made from the latest by removing samples (by name); the rest
 * are shared with it. Refuses when nothing would change, when a name is not
 * in the latest version (a stale page: the user sees which), or when
 * nothing remains. The default note counts the samples removed.
 */
export async function removeSamplesAsNewVersion(
  input: { ownerId: string; datasetId: string; remove: readonly string[]; note?: string },
  deps: ImportDeps = {},
) {
  const db = deps.db ?? getPrisma();
  const dataset = await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.datasetId }, db);
  const latest = await findDatasetVersion({ datasetId: dataset.id }, db);
  if (!latest) throw new AppError("invalid_input", "The dataset has no version yet.");
  const remove = new Set(input.remove);
  const kept: KeptSample[] = [];
  const found = new Set<string>();
  for await (const sample of iterateVersionSamples({ datasetVersionId: latest.id }, db)) {
    if (remove.has(sample.name)) found.add(sample.name);
    else kept.push({ kept: sample });
  }
  const missing = [...remove].filter((name) => !found.has(name));
  if (found.size === 0) throw new AppError("invalid_input", `None of those samples is in version ${latest.number}.`);
  if (missing.length > 0) throw new AppError("invalid_input", `Not in version ${latest.number}: ${formatNameList(missing)}; nothing was removed.`);
  const note = input.note ?? `Removed ${found.size} sample${found.size === 1 ? "" : "s"}`;
  const samples = (async function* () {
    yield* kept;
  })();
  return createDatasetVersion(
    { ownerId: input.ownerId, datasetId: dataset.id, classes: latest.classes, ignoreIndex: latest.ignoreIndex, note, samples },
    { ...deps, db },
  );
}
