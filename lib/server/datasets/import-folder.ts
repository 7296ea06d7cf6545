import "server-only";
import { constants } from "node:fs";
import { lstat, open, readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findOwnedApp } from "@/lib/server/db/owned";
import type { BlobStore } from "@/lib/server/storage/blob-store";
import { parseClassList, type ClassList } from "@/lib/core/classes/class-list";
import { tagSchema } from "@/lib/contracts/tags";
import { importDatasetVersion, type ImportDeps, type MaskColors, type NewSample } from "./create-version";

/** Most samples one folder import accepts. */
export const MAX_IMPORT_SAMPLES = 20_000;
/** Largest single file accepted, in bytes. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

const IMAGE_EXT = new Set([".png", ".jpg", ".jpeg", ".webp"]);
const tagsFileSchema = z.record(z.string(), z.array(tagSchema));

const stem = (file: string) => path.basename(file, path.extname(file));

function describeNames(names: string[]): string {
  const shown = names.slice(0, 10).join(", ");
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

/**
 * Refuses a symbolic link or a special file at `file` (lstat: links are
 * never followed), naming it and the link's target. Returns its lstat, or
 * null when it does not exist.
 */
async function refuseLink(file: string) {
  const info = await lstat(file).catch(() => null);
  if (info?.isSymbolicLink()) {
    const target = await readlink(file).catch(() => "?");
    throw new AppError("invalid_input", `${file}: is a symbolic link (to ${target}); links are refused, copy the file into the folder instead.`);
  }
  return info;
}

async function listFiles(dir: string, exts: Set<string>, what: string): Promise<Map<string, string>> {
  const info = await refuseLink(dir);
  let entries: string[];
  try {
    if (!info?.isDirectory()) throw new Error("not a folder");
    entries = await readdir(dir);
  } catch {
    throw new AppError("invalid_input", `${dir}: the ${what} folder does not exist or cannot be read.`);
  }
  const files = new Map<string, string>();
  for (const entry of entries.sort()) {
    if (!exts.has(path.extname(entry).toLowerCase())) continue;
    const file = path.join(dir, entry);
    const entryInfo = await refuseLink(file);
    if (!entryInfo?.isFile()) throw new AppError("invalid_input", `${file}: not a regular file (a folder, device, fifo or socket); refused.`);
    const key = stem(entry);
    if (files.has(key)) throw new AppError("invalid_input", `${file}: two ${what} files share the name "${key}".`);
    files.set(key, file);
  }
  return files;
}

/** Reads a regular file without following a link (O_NOFOLLOW), bounded by MAX_IMPORT_FILE_BYTES. */
async function readBounded(file: string): Promise<Uint8Array> {
  await refuseLink(file);
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ELOOP") throw new AppError("invalid_input", `${file}: is a symbolic link; links are refused.`);
    throw new AppError("invalid_input", `${file}: cannot be read (${error.code ?? error.message}).`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError("invalid_input", `${file}: not a regular file; refused.`);
    if (info.size > MAX_IMPORT_FILE_BYTES) {
      throw new AppError("too_large", `${file}: ${info.size} bytes is more than the ${MAX_IMPORT_FILE_BYTES} allowed for one file.`);
    }
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/** A small text file (classes, tags) read without following links; null when it does not exist. */
async function readTextNoFollow(file: string): Promise<string | null> {
  if ((await refuseLink(file)) === null) return null;
  return new TextDecoder().decode(await readBounded(file));
}

const ARCHIVE_NAME = /\.(zip|tar|tgz|tar\.gz)$/i;

/** `--dir x.zip` names a file, not a folder: say so instead of "classes file not found". */
async function refuseArchiveAsFolder(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => null);
  if (!info || info.isDirectory() || info.isSymbolicLink()) return;
  if (ARCHIVE_NAME.test(dir)) {
    throw new AppError("invalid_input", `${dir} is an archive: pass it with --archive (or pass a folder to --dir).`);
  }
  throw new AppError("invalid_input", `${dir}: not a folder (pass the dataset folder holding images/, masks/ and classes.json).`);
}

/**
 * Reads a dataset folder: `images/` (PNG, JPEG or WebP) and `masks/` (PNG
 * label maps) paired by file stem, a classes file (default
 * `<dir>/classes.json`) and optionally `<dir>/tags.json` (`{"<stem>":
 * ["occluded", …]}`). A missing or extra file is an error listing the names.
 */
export async function readDatasetFolder({ dir, classesFile }: { dir: string; classesFile?: string }) {
  await refuseArchiveAsFolder(dir);
  const classesPath = classesFile ?? path.join(dir, "classes.json");
  const classesText = await readTextNoFollow(classesPath);
  if (classesText === null) throw new AppError("invalid_input", `${classesPath}: classes file not found.`);
  const classList = parseClassList(classesText, classesPath);
  const images = await listFiles(path.join(dir, "images"), IMAGE_EXT, "image");
  const masks = await listFiles(path.join(dir, "masks"), new Set([".png"]), "mask");
  const noMask = [...images.keys()].filter((k) => !masks.has(k));
  const noImage = [...masks.keys()].filter((k) => !images.has(k));
  if (noMask.length) throw new AppError("invalid_input", `${path.join(dir, "masks")}: no mask for ${noMask.length} image(s): ${describeNames(noMask)}.`);
  if (noImage.length) throw new AppError("invalid_input", `${path.join(dir, "images")}: no image for ${noImage.length} mask(s): ${describeNames(noImage)}.`);
  if (images.size === 0) throw new AppError("invalid_input", `${dir}: no images found in images/.`);
  if (images.size > MAX_IMPORT_SAMPLES) throw new AppError("too_large", `${dir}: ${images.size} samples is more than the ${MAX_IMPORT_SAMPLES} allowed.`);

  let tags: Record<string, string[]> = {};
  const tagsPath = path.join(dir, "tags.json");
  const tagsText = await readTextNoFollow(tagsPath);
  if (tagsText !== null) {
    let json: unknown;
    try {
      json = JSON.parse(tagsText);
    } catch (error) {
      throw new AppError("invalid_input", `${tagsPath}: not valid JSON (${(error as Error).message}).`);
    }
    const parsed = tagsFileSchema.safeParse(json);
    if (!parsed.success) {
      const custom = parsed.error.issues.find((i) => i.code === "custom");
      throw new AppError("invalid_input", custom ? `${tagsPath}: sample "${String(custom.path[0])}": ${custom.message}.` : `${tagsPath}: expected {"<sample name>": ["tag", …]}.`);
    }
    tags = parsed.data;
  }

  const samples: NewSample[] = [];
  for (const [name, imagePath] of images) {
    const maskPath = masks.get(name)!;
    samples.push({
      name,
      image: await readBounded(imagePath),
      imageFileName: imagePath,
      mask: await readBounded(maskPath),
      maskFileName: maskPath,
      tags: tags[name] ?? [],
    });
  }
  return { classList, samples };
}

/**
 * The colour table for RGB masks when the classes file gives every class a
 * colour; a void colour maps to the ignore index (or the void entry's index).
 */
function maskColorsOf(list: ClassList): MaskColors | null {
  if (!list.hasColors) return null;
  const voidValue = list.ignoreIndex ?? list.voidEntry?.index ?? null;
  const voidColor = list.voidEntry?.color ?? null;
  return { colorTable: list.classes.map((c) => c.color), extra: voidValue !== null && voidColor ? [{ value: voidValue, color: voidColor }] : [] };
}

/**
 * Imports a dataset folder as the next version of dataset `datasetName` in
 * an owned app. The dataset is created only at the final step, together
 * with the version: whole or nothing, even when the process is killed.
 */
export async function importDatasetFolder(
  args: { ownerId: string; appId: string; datasetName: string; dir: string; classesFile?: string; note?: string },
  deps: ImportDeps & { db?: Db; store?: BlobStore } = {},
) {
  const db = deps.db ?? getPrisma();
  await findOwnedApp({ ownerId: args.ownerId, appId: args.appId }, db);
  const { classList, samples } = await readDatasetFolder(args);
  const version = await importDatasetVersion(
    {
      ownerId: args.ownerId,
      appId: args.appId,
      datasetName: args.datasetName,
      classes: classList.classes,
      ignoreIndex: classList.ignoreIndex,
      note: args.note,
      samples,
      maskColors: maskColorsOf(classList),
    },
    { ...deps, db },
  );
  return version;
}
