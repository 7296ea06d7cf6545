import "server-only";
import { open, lstat, mkdtemp, readdir, readlink, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { extOf } from "@/lib/core/import/entry-path";
import { extractTar } from "./extract-tar";
import { extractZip } from "./extract-zip";
import { formatBytes, getImportLimits, type ImportLimits } from "./limits";
import { checkPngHead, StagingWriter } from "./staging-writer";

/** Files ready to plan: `root` is a folder, `files` relative POSIX paths below it; `cleanup` removes staging. */
export interface ImportSource {
  root: string;
  files: string[];
  /** Name used in messages ("upload.zip", the folder path). */
  label: string;
  cleanup: () => Promise<void>;
}

export type ArchiveKind = "zip" | "tar" | "tar.gz";

/** Tells the archive kind from its first bytes (zip / gzip / ustar magic); null when none matches. */
export function sniffArchive(head: Uint8Array): ArchiveKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return "zip";
  if (head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === "ustar") return "tar";
  if (head.length >= 512 && head.subarray(0, 512).every((b) => b === 0)) return "tar"; // an empty tar: end-of-archive blocks only
  return null;
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Extracts an archive (.zip, .tar, .tar.gz, told apart by magic bytes)
 * streaming into a fresh staging folder under `stagingRoot` (default the OS
 * temp folder; use one on the data disk in production). Refuses zip slip,
 * absolute paths, links, special files, too many entries or bytes, PNGs over
 * the pixel limit and empty archives, each with an AppError naming the entry.
 * A failed extraction removes its staging folder before rethrowing.
 */
export async function extractArchive(args: { file: string; name?: string; stagingRoot?: string; limits?: Partial<ImportLimits> }): Promise<ImportSource> {
  const limits = getImportLimits(args.limits);
  const label = args.name ?? path.basename(args.file);
  const info = await stat(args.file).catch(() => null);
  if (!info?.isFile()) throw new AppError("invalid_input", `${label}: the archive file does not exist.`);
  if (info.size > limits.archiveBytes) {
    throw new AppError("too_large", `${label}: ${formatBytes(info.size)} is more than the ${formatBytes(limits.archiveBytes)} allowed for an archive (IMPORT_MAX_ARCHIVE_BYTES).`);
  }
  if (info.size === 0) throw new AppError("invalid_input", `${label}: the archive is empty.`);
  const kind = sniffArchive(await readHead(args.file, 512));
  if (kind === null) throw new AppError("invalid_input", `${label}: not a .zip, .tar or .tar.gz archive (unknown file signature).`);
  const dir = await mkdtemp(path.join(args.stagingRoot ?? os.tmpdir(), "intersect-import-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const writer = new StagingWriter(dir, limits, label);
  try {
    if (kind === "zip") await extractZip(args.file, writer);
    else await extractTar(args.file, writer, kind === "tar.gz");
    if (writer.files.length === 0) throw new AppError("invalid_input", `${label}: the archive is empty (no files).`);
  } catch (error) {
    await cleanup();
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_input", `${label}: the ${kind} archive is damaged (${(error as Error).message}).`, { cause: error });
  }
  return { root: dir, files: writer.files.sort(), label, cleanup };
}

/**
 * Lists a server-side folder with lstat, never following links: a symbolic
 * link anywhere (file or folder) is refused with an AppError naming it and
 * its target, as are special files. Entry count, per-file and total bytes and
 * PNG header pixel counts are checked against the limits.
 */
export async function openFolderSource(args: { dir: string; limits?: Partial<ImportLimits> }): Promise<ImportSource> {
  const limits = getImportLimits(args.limits);
  const root = path.resolve(args.dir);
  const top = await lstat(root).catch(() => null);
  if (top === null) throw new AppError("invalid_input", `${args.dir}: the folder does not exist.`);
  if (top.isSymbolicLink()) throw new AppError("invalid_input", `${args.dir}: is a symbolic link; give the real folder path.`);
  if (!top.isDirectory()) {
    const hint = [".zip", ".tar", ".gz", ".tgz"].includes(extOf(root)) ? " (archives go through --archive)" : "";
    throw new AppError("invalid_input", `${args.dir}: not a folder${hint}.`);
  }
  const files: string[] = [];
  let total = 0;
  let entries = 0;
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(path.join(root, rel))).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      const full = path.join(root, childRel);
      const st = await lstat(full);
      if (++entries > limits.entries) throw new AppError("too_large", `${args.dir}: more than ${limits.entries} files and folders (IMPORT_MAX_ENTRIES).`);
      if (st.isSymbolicLink()) {
        const target = await readlink(full).catch(() => "?");
        throw new AppError("invalid_input", `${full}: is a symbolic link (to ${target}); links are refused, copy the file into the folder instead.`);
      }
      if (st.isDirectory()) await walk(childRel);
      else if (!st.isFile()) throw new AppError("invalid_input", `${full}: is a special file (device, fifo or socket); refused.`);
      else {
        if (st.size > limits.entryBytes) throw new AppError("too_large", `${full}: ${formatBytes(st.size)} is more than ${formatBytes(limits.entryBytes)} allowed for one file (IMPORT_MAX_ENTRY_BYTES).`);
        total += st.size;
        if (total > limits.extractedBytes) throw new AppError("too_large", `${args.dir}: more than ${formatBytes(limits.extractedBytes)} in total (IMPORT_MAX_EXTRACTED_BYTES).`);
        if (extOf(name) === ".png") checkPngHead(await readHead(full, 33), full, limits.imagePixels);
        files.push(childRel);
      }
    }
  };
  await walk("");
  if (files.length === 0) throw new AppError("invalid_input", `${args.dir}: the folder is empty.`);
  return { root, files, label: args.dir, cleanup: async () => {} };
}
