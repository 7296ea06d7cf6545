import { AppError } from "@/lib/core/errors";
import { NAME_MAX_LENGTH, refineName } from "@/lib/contracts/app-input";
import { findAppByName } from "@/lib/server/db/apps";
import type { Db } from "@/lib/server/db/client";
import { findDatasetVersion } from "@/lib/server/db/dataset-versions";
import { findDatasetByName } from "@/lib/server/db/datasets";
import { requiredString } from "./args";
import { findDatasetVersionNamed } from "./lookup";

/** `--flag DATASET` or `--flag APP/DATASET`: a dataset name, or an app name, "/" and a dataset name. */
export const datasetRefFlag = (flag: string) =>
  requiredString(flag, "NAME")
    .max(NAME_MAX_LENGTH.app + 1 + NAME_MAX_LENGTH.dataset, `--${flag} must be at most ${NAME_MAX_LENGTH.dataset} characters (a dataset name) or APP/DATASET`)
    .superRefine(refineName(`--${flag}: `));

/** The ways `ref` splits at a "/" into an app name and a dataset name, both non-empty. */
function splitsAtSlash(ref: string): { appName: string; datasetName: string }[] {
  const splits: { appName: string; datasetName: string }[] = [];
  for (let i = ref.indexOf("/"); i >= 0; i = ref.indexOf("/", i + 1)) {
    const appName = ref.slice(0, i).trim();
    const datasetName = ref.slice(i + 1).trim();
    if (appName && datasetName) splits.push({ appName, datasetName });
  }
  return splits;
}

/**
 * A version (`number`, or the latest) of the dataset `ref` names, as the web
 * form and REST allow: any of the owner's datasets. `DATASET` is a dataset of
 * `app`; when `app` has none of that name, `APP/DATASET` is the dataset of
 * another of the owner's apps (names may hold "/": every split is tried, and
 * more than one match is refused as ambiguous). `datasetName` comes back as
 * written for `app`'s own datasets, `APP/DATASET` otherwise.
 */
export async function findDatasetVersionRef(
  db: Db,
  owner: { id: string; email: string },
  app: { id: string; name: string },
  ref: string,
  number?: number,
): ReturnType<typeof findDatasetVersionNamed> {
  const splits = splitsAtSlash(ref);
  if (splits.length === 0 || (await findDatasetByName({ appId: app.id, name: ref }, db))) return findDatasetVersionNamed(db, app, ref, number);
  const matches: { appName: string; datasetName: string; datasetId: string }[] = [];
  for (const split of splits) {
    const other = await findAppByName({ ownerId: owner.id, name: split.appName }, db);
    const dataset = other && (await findDatasetByName({ appId: other.id, name: split.datasetName }, db));
    if (other && dataset) matches.push({ appName: other.name, datasetName: split.datasetName, datasetId: dataset.id });
  }
  if (matches.length === 0) {
    const { appName, datasetName } = splits[0];
    throw new AppError("not_found", `App "${app.name}" has no dataset named "${ref}", and ${owner.email} has no app "${appName}" with a dataset "${datasetName}".`);
  }
  if (matches.length > 1) {
    const which = matches.map((m) => `app "${m.appName}" dataset "${m.datasetName}"`).join(" or ");
    throw new AppError("invalid_input", `"${ref}" names more than one dataset (${which}); rename one of them.`);
  }
  const { appName, datasetName, datasetId } = matches[0];
  const shown = `${appName}/${datasetName}`;
  const version = await findDatasetVersion({ datasetId, number }, db);
  if (!version) throw new AppError("not_found", number === undefined ? `Dataset "${shown}" has no versions yet.` : `Dataset "${shown}" has no version ${number}.`);
  return { id: version.id, number: version.number, datasetName: shown, classes: version.classes, ignoreIndex: version.ignoreIndex };
}
