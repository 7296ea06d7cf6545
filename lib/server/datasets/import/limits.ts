import "server-only";
import { AppError } from "@/lib/core/errors";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";

/**
 * Every bound of a dataset import, in one place. Defaults fit a 20,000-pair
 * dataset of full-HD images on one machine; each can be changed with the
 * environment variable named beside it (a whole positive number):
 *
 * - `archiveBytes` (IMPORT_MAX_ARCHIVE_BYTES, default 4 GiB): size of the
 *   uploaded archive file itself (compressed).
 * - `extractedBytes` (IMPORT_MAX_EXTRACTED_BYTES, default 8 GiB): total bytes
 *   written while extracting, counted as the bytes stream (headers are not
 *   trusted), and the total size of a server-side folder.
 * - `entryBytes` (IMPORT_MAX_ENTRY_BYTES, default 64 MiB): one file.
 * - `entries` (IMPORT_MAX_ENTRIES, default 50,000): archive entries
 *   (folders included) or folder files; 20,000 pairs plus sidecars fit.
 * - `imagePixels` (IMPORT_MAX_IMAGE_PIXELS, default the server's one limit,
 *   MAX_IMAGE_PIXELS of lib/server/limits.ts: 40,000,000): width x
 *   height of one image or mask, checked on the PNG header (first 33 bytes)
 *   before anything is inflated. A 40 Mpx 16-bit mask decodes to 80 MB and
 *   its views stay under ~0.5 GB, the stated per-image memory budget.
 * - `samples` (IMPORT_MAX_SAMPLES, default 20,000): pairs in one version.
 * - `scanMasks` (IMPORT_SCAN_MASKS, default 500): masks read for the value
 *   histogram of the mapping step; bigger sets are sampled evenly.
 * - `sidecarBytes` (IMPORT_MAX_SIDECAR_BYTES, default 4 MiB): a text sidecar
 *   (classes, labelmap, tags, split lists) read into memory.
 */
export interface ImportLimits {
  archiveBytes: number;
  extractedBytes: number;
  entryBytes: number;
  entries: number;
  imagePixels: number;
  samples: number;
  scanMasks: number;
  sidecarBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  archiveBytes: 4 * 1024 ** 3,
  extractedBytes: 8 * 1024 ** 3,
  entryBytes: 64 * 1024 ** 2,
  entries: 50_000,
  imagePixels: MAX_IMAGE_PIXELS,
  samples: 20_000,
  scanMasks: 500,
  sidecarBytes: 4 * 1024 ** 2,
});

const ENV_NAMES: Record<keyof ImportLimits, string> = {
  archiveBytes: "IMPORT_MAX_ARCHIVE_BYTES",
  extractedBytes: "IMPORT_MAX_EXTRACTED_BYTES",
  entryBytes: "IMPORT_MAX_ENTRY_BYTES",
  entries: "IMPORT_MAX_ENTRIES",
  imagePixels: "IMPORT_MAX_IMAGE_PIXELS",
  samples: "IMPORT_MAX_SAMPLES",
  scanMasks: "IMPORT_SCAN_MASKS",
  sidecarBytes: "IMPORT_MAX_SIDECAR_BYTES",
};

/**
 * The limits in force: defaults, then environment overrides, then explicit
 * `overrides` (tests, the admin CLI). A malformed environment value is a
 * configuration error naming the variable.
 */
export function getImportLimits(overrides: Partial<ImportLimits> = {}, env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof ImportLimits)[]) {
    const raw = env[ENV_NAMES[key]];
    if (raw === undefined || raw.trim() === "") continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new AppError("internal", `${ENV_NAMES[key]}=${raw}: must be a whole positive number.`);
    }
    limits[key] = value;
  }
  return { ...limits, ...overrides };
}

/** Human-readable bytes for messages ("64 MiB"). */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}
