import "server-only";
/**
 * Removes debris left by interrupted work: staging imports whose process
 * died, blobs no row refers to, and half-written temp files. Runs at server
 * and worker start and by `npm run admin -- sweep`.
 *
 * Writers store a blob a moment before the row that refers to it (a stored
 * prediction, a prediction upload, a cached view), so an unreferenced blob
 * younger than `graceMs` may be about to be referenced and is kept. Blobs
 * named only by a swept (dead) import are deleted whatever their age. Use
 * `graceMs: 0` only when no other process is writing.
 */
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { listReferencedBlobs } from "@/lib/server/db/blob-references";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { sweepAbandonedImports } from "@/lib/server/db/dataset-imports";
import { deleteOrphanRenderedViews } from "@/lib/server/db/rendered-views";
import { deleteStaleSignInThrottles } from "@/lib/server/db/sign-in-throttle";
import { ACCOUNT_POLICY, ADDRESS_POLICY } from "@/lib/server/auth/sign-in-throttle";
import { sweepUploads } from "@/lib/server/datasets/uploads";
import { getBlobStore, isSha256, type BlobStore } from "./blob-store";

/** Default age under which an unreferenced blob or temp file is kept: 1 hour. */
export const SWEEP_GRACE_MS = 60 * 60_000;

export interface SweepReport {
  /** Staging imports deleted. */
  imports: number;
  /** Unreferenced blobs deleted. */
  blobs: number;
  /** Bytes freed by those blobs. */
  bytes: number;
  /** Temp files of interrupted writes deleted. */
  tempFiles: number;
  /** Unreferenced blobs kept because they are younger than the grace period. */
  keptYoung: number;
  /** Abandoned browser/REST uploads removed from the upload staging area. */
  uploads: number;
  /** Cached view rows of deleted evaluations removed (their PNGs become unreferenced blobs). */
  views: number;
  /** Sign-in throttle rows whose counters have reset (no lock can still be running). */
  throttles: number;
}

interface FoundFile {
  file: string;
  sha256: string | null;
}

/** Every file under the store: blobs (`ab/cd/<sha>`) and temp files (`.tmp-*`). */
async function listStoreFiles(root: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 2) await walk(full, depth + 1);
      else if (e.isFile() && e.name.startsWith(".tmp-")) found.push({ file: full, sha256: null });
      else if (e.isFile() && depth === 2 && isSha256(e.name)) found.push({ file: full, sha256: e.name });
    }
  };
  await walk(root, 0);
  return found;
}

/** A temp file `.tmp-<pid>-…` whose writing process is gone (the store is local, so the pid is this host's). */
function tempOfDeadProcess(file: string): boolean {
  const pid = Number(/^\.tmp-(\d+)-/.exec(path.basename(file))?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Sweeps abandoned imports, then unreferenced blobs and temp files; see the module comment. */
export async function sweepDebris(
  {
    db = getPrisma(),
    store = getBlobStore(),
    graceMs = SWEEP_GRACE_MS,
    importStaleMs,
    uploadMaxAgeMs,
  }: { db?: Db; store?: BlobStore; graceMs?: number; importStaleMs?: number; uploadMaxAgeMs?: number } = {},
): Promise<SweepReport> {
  const started = Date.now();
  const swept = await sweepAbandonedImports({ staleMs: importStaleMs }, db);
  // The upload staging area sits beside the blobs (DATA_DIR/uploads).
  const uploads = await sweepUploads({ root: path.join(path.dirname(store.root), "uploads"), maxAgeMs: uploadMaxAgeMs });
  const views = await deleteOrphanRenderedViews(db);
  const resetMs = Math.max(ACCOUNT_POLICY.resetAfterMs, ADDRESS_POLICY.resetAfterMs, ACCOUNT_POLICY.maxLockMs, ADDRESS_POLICY.maxLockMs);
  const throttles = await deleteStaleSignInThrottles({ before: new Date(started - resetMs) }, db);
  const deadImportBlobs = new Set(swept.blobCandidates);
  // List files before reading references: a blob written after the listing is not considered at all.
  const files = await listStoreFiles(store.root);
  const refs = await listReferencedBlobs(db);
  const report: SweepReport = { imports: swept.imports, blobs: 0, bytes: 0, tempFiles: 0, keptYoung: 0, uploads, views, throttles };
  for (const f of files) {
    if (f.sha256 && refs.has(f.sha256)) continue;
    let info;
    try {
      info = await stat(f.file);
    } catch {
      continue;
    }
    const young = started - info.mtimeMs < graceMs;
    const ofDeadWriter = f.sha256 ? deadImportBlobs.has(f.sha256) : tempOfDeadProcess(f.file);
    if (young && !ofDeadWriter) {
      if (f.sha256) report.keptYoung++;
      continue;
    }
    try {
      await unlink(f.file);
    } catch {
      continue;
    }
    if (f.sha256) {
      report.blobs++;
      report.bytes += info.size;
    } else report.tempFiles++;
  }
  return report;
}
