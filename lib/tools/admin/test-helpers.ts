import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encode } from "fast-png";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore } from "@/lib/server/storage/blob-store";
import type { AdminDeps } from "./args";

/** A migrated temp database and a blob store inside its folder, for admin command tests. */
export async function createAdminTestDeps(): Promise<AdminDeps & { dir: string; cleanup(): Promise<void> }> {
  const t = await createTestDatabase("intersect-admin-");
  return { db: t.db, store: createBlobStore(path.join(t.dir, "blobs")), dir: t.dir, cleanup: t.cleanup };
}

/** Writes an 8-bit RGB PNG with a deterministic pattern (so different images hash differently). */
export function writeRgbPng(file: string, width: number, height: number, seed = 0): void {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 97) & 255;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encode({ width, height, data, channels: 3, depth: 8 }));
}

/** Writes an 8-bit grey PNG label map whose pixel i holds `value(i)`. */
export function writeMaskPng(file: string, width: number, height: number, value: (i: number) => number): void {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = value(i);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encode({ width, height, data, channels: 1, depth: 8 }));
}

export interface FolderSample {
  name: string;
  width?: number;
  height?: number;
  /** Mask size when it should differ from the image. */
  maskWidth?: number;
  /** Mask value of pixel i; `i % 3` when omitted. */
  value?: (i: number) => number;
  noMask?: boolean;
}

/**
 * Writes a dataset folder `dir` (images/, masks/, classes.json) holding
 * `samples`; classes default to three names with ignore index 255.
 */
export function writeDatasetFolder(
  dir: string,
  samples: readonly FolderSample[],
  classes: unknown = { classes: [{ name: "road" }, { name: "car" }, { name: "sky" }], ignore_index: 255 },
): void {
  samples.forEach((s, k) => {
    const width = s.width ?? 8;
    const height = s.height ?? 6;
    writeRgbPng(path.join(dir, "images", `${s.name}.png`), width, height, k);
    if (!s.noMask) writeMaskPng(path.join(dir, "masks", `${s.name}.png`), s.maskWidth ?? width, height, s.value ?? ((i) => i % 3));
  });
  writeFileSync(path.join(dir, "classes.json"), JSON.stringify(classes));
}
