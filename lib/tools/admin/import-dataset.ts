import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { plural } from "@/lib/core/charts/score-format";
import { LAYOUT_NAMES, type LayoutName } from "@/lib/core/import/plan";
import { importDataset, ImportProblemsError } from "@/lib/server/datasets/import-dataset-version";
import { defineCommand, emailFlag, nameFlag, pathFlag, type AdminDeps } from "./args";
import type { ClassEntry } from "@/lib/contracts/classes";
import { getDatasetVersionClasses } from "@/lib/server/db/dataset-versions";
import { findAppNamed, findUserByEmail, formatClasses } from "./lookup";

export interface ImportDatasetInput {
  email: string;
  appName: string;
  datasetName: string;
  /** Folder with `images/`, `masks/`, optionally `classes.json` and `tags.json` (or any layout with `layout`). */
  dir?: string;
  /** A .zip, .tar or .tar.gz archive in any supported layout. */
  archive?: string;
  /** Layout of `dir`/`archive`: with it (or with `archive`), the layout-aware import path is used. */
  layout?: LayoutName | "auto";
  /** Keep one split (VOC ImageSets list, or a split folder). */
  split?: string;
  /** Import only the samples without problems. */
  validSubset?: boolean;
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
  /** Samples left out for problems (--valid-subset). */
  skipped: number;
  classes: ClassEntry[];
  ignoreIndex: number | null;
}

const schema = z
  .object({
    email: emailFlag,
    app: nameFlag("app", "app"),
    dataset: nameFlag("dataset", "dataset"),
    dir: pathFlag("dir", "DIR").optional(),
    archive: pathFlag("archive", "FILE").optional(),
    layout: z.enum(["auto", ...LAYOUT_NAMES], { error: `--layout must be one of auto, ${LAYOUT_NAMES.join(", ")}` }).optional(),
    split: z.string().trim().min(1).max(100).optional(),
    "valid-subset": z.boolean().optional(),
    classes: pathFlag("classes", "FILE").optional(),
    note: z.string().trim().max(1000, "--note must be at most 1000 characters").optional(),
  })
  .refine((v) => (v.dir === undefined) !== (v.archive === undefined), { message: "--dir DIR is required (or --archive FILE; not both)" })
  .transform(
    (v): ImportDatasetInput => ({
      email: v.email,
      appName: v.app,
      datasetName: v.dataset,
      dir: v.dir,
      archive: v.archive,
      layout: v.layout,
      split: v.split,
      validSubset: v["valid-subset"],
      classesFile: v.classes,
      note: v.note,
    }),
  );

/** Lists every problem, each naming its file (below `dir` for a folder import), in the one-line error the command line prints. */
function describeProblems(error: ImportProblemsError, dir: string | undefined): AppError {
  const listed = error.problems.slice(0, 200).map((p) => `${dir && p.file && !path.isAbsolute(p.file) ? path.join(dir, p.file) : p.file}: ${p.problem}`);
  const more = error.problems.length > 200 ? `; and ${error.problems.length - 200} more` : "";
  const hint = " (fix them, or pass --valid-subset to import only the valid samples)";
  return new AppError("invalid_input", `${error.problems.length} problem(s)${hint}: ${listed.join("; ")}${more}`);
}

/** The layout-aware path (archives, any layout) through the domain's importDataset. */
async function importThroughPlan(input: ImportDatasetInput, ownerId: string, appId: string, deps: AdminDeps) {
  const { readFile } = await import("node:fs/promises");
  const readClasses = async (file: string) => {
    try {
      return await readFile(file, "utf8");
    } catch {
      throw new AppError("invalid_input", `${file}: classes file not found.`);
    }
  };
  const classes = input.classesFile ? { text: await readClasses(input.classesFile), fileName: input.classesFile } : undefined;
  try {
    return await importDataset(
      {
        ownerId,
        target: { appId, datasetName: input.datasetName },
        source: input.archive ? { archive: input.archive } : { dir: input.dir! },
        options: { layout: input.layout ?? "auto", split: input.split, classes },
        validSubset: input.validSubset,
        note: input.note,
      },
      deps,
    );
  } catch (error) {
    throw error instanceof ImportProblemsError ? describeProblems(error, input.dir) : error;
  }
}

/**
 * Imports a dataset folder or archive as the next version of the app's
 * dataset (created when new) through the one import path the web app and
 * REST use (layout detection, classes.json / labelmap.txt / palette,
 * tags.json / tags.csv, every problem listed): every file is checked first,
 * and the version appears whole or not at all.
 */
export async function adminImportDataset(input: ImportDatasetInput, deps: AdminDeps): Promise<ImportDatasetResult> {
  const user = await findUserByEmail(deps.db, input.email);
  const app = await findAppNamed(deps.db, user, input.appName);
  const imported = await importThroughPlan(input, user.id, app.id, deps);
  const version = await getDatasetVersionClasses({ datasetVersionId: imported.id }, deps.db);
  return {
    appId: app.id,
    datasetId: imported.datasetId,
    datasetCreated: imported.datasetCreated,
    versionId: imported.id,
    number: imported.number,
    sampleCount: imported.sampleCount,
    skipped: imported.skipped,
    classes: version.classes,
    ignoreIndex: version.ignoreIndex,
  };
}

export const importDatasetCommand = defineCommand({
  name: "import-dataset",
  summary: "import-dataset --email E --app NAME --dataset NAME --dir DIR | --archive FILE [--layout L] [--classes FILE] [--note TEXT]   a new dataset version",
  help: `Usage: npm run -s admin -- import-dataset --email E --app NAME --dataset NAME --dir DIR | --archive FILE
         [--layout auto|pairs|voc|cityscapes|camvid|ade20k] [--split NAME] [--valid-subset] [--classes FILE] [--note TEXT]

Imports a folder or an archive as the next version of a dataset (the dataset is created if new).
  --email E         the owner's email
  --app NAME        an existing app of that user (see create-app)
  --dataset NAME    dataset name inside the app
  --dir DIR         a dataset folder (images/ and masks/ paired by file name, or any layout with --layout)
  --archive FILE    a .zip, .tar or .tar.gz archive in any supported layout (detected unless --layout)
  --layout L        auto (default with --archive), pairs, voc, cityscapes, camvid or ade20k
  --split NAME      keep one split (VOC ImageSets/Segmentation/NAME.txt, or a split folder)
  --valid-subset    import the samples without problems instead of refusing the import
  --classes FILE    class list: JSON list, {"classes": [...], "ignore_index"} or a CVAT labelmap.txt (default: found in the source)
  --note TEXT       shown beside the version
Problems (missing mask or image, size mismatch, undeclared mask values, unreadable files,
duplicate names) are listed each with its file, and nothing is written (exit 1).

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
    archive: { type: "string" },
    layout: { type: "string" },
    split: { type: "string" },
    "valid-subset": { type: "boolean" },
    classes: { type: "string" },
    note: { type: "string" },
  },
  schema,
  async run(input, deps) {
    const r = await adminImportDataset(input, deps);
    return [
      `Imported dataset "${input.datasetName}"${r.datasetCreated ? " (new)" : ""} version ${r.number} into app "${input.appName}": ${plural(r.sampleCount, "sample")}.`,
      ...(r.skipped ? [`Skipped ${r.skipped} sample(s) or unpaired file(s) with problems (--valid-subset).`] : []),
      `Classes (${r.classes.length}): ${formatClasses(r.classes)}`,
      `Ignore index: ${r.ignoreIndex ?? "none"}`,
      `Open: /apps/${r.appId}`,
    ].join("\n");
  },
});
