import { z } from "zod";
import { importDatasetFolder } from "@/lib/server/datasets/import-folder";
import { defineCommand, emailFlag, nameFlag, pathFlag, type AdminDeps } from "./args";
import type { ClassEntry } from "@/lib/contracts/classes";
import { getDatasetVersionClasses } from "@/lib/server/db/dataset-versions";
import { findAppNamed, findUserByEmail, formatClasses } from "./lookup";

export interface ImportDatasetInput {
  email: string;
  appName: string;
  datasetName: string;
  /** Folder with `images/`, `masks/`, optionally `classes.json` and `tags.json`. */
  dir: string;
  /** Classes file; `<dir>/classes.json` when omitted. */
  classesFile?: string;
  note?: string;
}

export interface ImportDatasetResult {
  appId: string;
  datasetId: string;
  datasetCreated: boolean;
  versionId: string;
  number: number;
  sampleCount: number;
  classes: ClassEntry[];
  ignoreIndex: number | null;
}

const schema = z
  .object({
    email: emailFlag,
    app: nameFlag("app"),
    dataset: nameFlag("dataset"),
    dir: pathFlag("dir", "DIR"),
    classes: pathFlag("classes", "FILE").optional(),
    note: z.string().trim().max(1000, "--note must be at most 1000 characters").optional(),
  })
  .transform(
    (v): ImportDatasetInput => ({ email: v.email, appName: v.app, datasetName: v.dataset, dir: v.dir, classesFile: v.classes, note: v.note }),
  );

/**
 * Imports a dataset folder as the next version of the app's dataset (created
 * when new) through `importDatasetFolder`: every file is checked first, and
 * the version appears whole or not at all.
 */
export async function adminImportDataset(input: ImportDatasetInput, deps: AdminDeps): Promise<ImportDatasetResult> {
  const user = await findUserByEmail(deps.db, input.email);
  const app = await findAppNamed(deps.db, user, input.appName);
  const imported = await importDatasetFolder(
    { ownerId: user.id, appId: app.id, datasetName: input.datasetName, dir: input.dir, classesFile: input.classesFile, note: input.note },
    deps,
  );
  const version = await getDatasetVersionClasses({ datasetVersionId: imported.id }, deps.db);
  return {
    appId: app.id,
    datasetId: imported.datasetId,
    datasetCreated: imported.datasetCreated,
    versionId: imported.id,
    number: imported.number,
    sampleCount: imported.sampleCount,
    classes: version.classes,
    ignoreIndex: version.ignoreIndex,
  };
}

export const importDatasetCommand = defineCommand({
  name: "import-dataset",
  summary: "import-dataset --email E --app NAME --dataset NAME --dir DIR [--classes FILE] [--note TEXT]   a new dataset version",
  help: `Usage: npm run -s admin -- import-dataset --email E --app NAME --dataset NAME --dir DIR [--classes FILE] [--note TEXT]

Imports a folder as the next version of a dataset (the dataset is created if new).
  --email E         the owner's email
  --app NAME        an existing app of that user (see create-app)
  --dataset NAME    dataset name inside the app
  --dir DIR         folder with images/ and masks/ paired by file name
  --classes FILE    class list (default: DIR/classes.json)
  --note TEXT       shown beside the version

Folder layout:
  DIR/images/<name>.png|jpg|jpeg|webp   the images
  DIR/masks/<name>.png                  label maps: 8/16-bit grey or palette PNG, value = class index
  DIR/classes.json                      ["road", "car", ...] or {"classes": [{"name", "color": [r, g, b]}], "ignore_index": 255}
  DIR/tags.json                         optional: {"<name>": ["night", "occluded"]}
Every file is checked before anything is written: the version appears whole or not at all.`,
  options: {
    email: { type: "string" },
    app: { type: "string" },
    dataset: { type: "string" },
    dir: { type: "string" },
    classes: { type: "string" },
    note: { type: "string" },
  },
  schema,
  async run(input, deps) {
    const r = await adminImportDataset(input, deps);
    return [
      `Imported dataset "${input.datasetName}"${r.datasetCreated ? " (new)" : ""} version ${r.number} into app "${input.appName}": ${r.sampleCount} samples.`,
      `Classes (${r.classes.length}): ${formatClasses(r.classes)}`,
      `Ignore index: ${r.ignoreIndex ?? "none"}`,
      `Open: /apps/${r.appId}`,
    ].join("\n");
  },
});
