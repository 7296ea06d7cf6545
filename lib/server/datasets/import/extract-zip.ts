import "server-only";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/core/errors";
import { checkEntryPath, isArchiveRoot, isDirectoryName } from "@/lib/core/import/entry-path";
import type { StagingWriter } from "./staging-writer";

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
}

/** The entry's Unix file type from its external attributes (0 when the archiver recorded none). */
function unixType(entry: Entry): number {
  return (entry.externalFileAttributes >>> 16) & S_IFMT;
}

async function extractEntry(zip: ZipFile, entry: Entry, writer: StagingWriter): Promise<void> {
  writer.countEntry();
  const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  if (isDirectoryName(raw) && isArchiveRoot(raw)) return; // "./" from `zip -r x.zip .` style tools
  const rel = checkEntryPath(raw, writer.source);
  const type = unixType(entry);
  if (type === S_IFLNK) throw new AppError("invalid_input", `${writer.source}: ${rel} is a symbolic link; links in archives are refused.`);
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
    throw new AppError("invalid_input", `${writer.source}: ${rel} is a special file (device, fifo or socket); refused.`);
  }
  if (isDirectoryName(raw) || type === S_IFDIR) return writer.makeDir(rel);
  if (entry.isEncrypted()) throw new AppError("invalid_input", `${writer.source}: ${rel} is encrypted; encrypted archives are not supported.`);
  writer.checkDeclaredSize(rel, entry.uncompressedSize);
  await writer.writeFile(rel, await openEntry(zip, entry), entry.uncompressedSize);
}

/**
 * Streams every entry of a .zip into the staging folder, one at a time
 * (yauzl reads the central directory, then each entry's data on demand).
 * The central directory's entry count is checked before any entry is read.
 */
export async function extractZip(file: string, writer: StagingWriter): Promise<void> {
  const zip = await openZip(file);
  if (zip.entryCount > writer.limits.entries) {
    zip.close();
    throw new AppError("too_large", `${writer.source}: ${zip.entryCount} entries; the limit is ${writer.limits.entries} (IMPORT_MAX_ENTRIES).`);
  }
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(error);
    };
    zip.on("entry", (entry: Entry) => extractEntry(zip, entry, writer).then(() => zip.readEntry(), fail));
    zip.on("end", () => (failed ? undefined : resolve()));
    zip.on("error", fail);
    zip.readEntry();
  });
}
