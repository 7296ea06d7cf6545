import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";

/** Writes small in-memory files as a .tar.gz with tar-stream. */
export async function writeTarGz(file: string, entries: readonly { name: string; data: Uint8Array }[]): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(file));
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: e.name, size: e.data.length }, Buffer.from(e.data), (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await done;
}
