import "server-only";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { AppError } from "@/lib/core/errors";
import { checkEntryPath, isArchiveRoot } from "@/lib/core/import/entry-path";
import type { StagingWriter } from "./staging-writer";

async function handleEntry(header: tar.Header, stream: Readable, writer: StagingWriter): Promise<void> {
  writer.countEntry();
  if (header.type === "directory" && isArchiveRoot(header.name)) return; // "./" from `tar -C dir .`
  const rel = checkEntryPath(header.name, writer.source);
  switch (header.type) {
    case "file":
    case "contiguous-file":
    case null:
    case undefined:
      writer.checkDeclaredSize(rel, header.size ?? 0);
      return writer.writeFile(rel, stream);
    case "directory":
      return writer.makeDir(rel);
    case "symlink":
      throw new AppError("invalid_input", `${writer.source}: ${rel} is a symbolic link (to ${header.linkname ?? "?"}); links in archives are refused.`);
    case "link":
      throw new AppError("invalid_input", `${writer.source}: ${rel} is a hard link (to ${header.linkname ?? "?"}); links in archives are refused.`);
    default:
      throw new AppError("invalid_input", `${writer.source}: ${rel} is a ${header.type} entry; only files and folders are accepted.`);
  }
}

/** Streams a .tar (or, with `gzip`, a .tar.gz) into the staging folder entry by entry. */
export async function extractTar(file: string, writer: StagingWriter, gzip: boolean): Promise<void> {
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    handleEntry(header, stream as unknown as Readable, writer).then(
      () => {
        stream.resume();
        next();
      },
      (error) => {
        stream.resume();
        next(error);
      },
    );
  });
  const input = createReadStream(file);
  await (gzip ? pipeline(input, createGunzip(), extract) : pipeline(input, extract));
}
