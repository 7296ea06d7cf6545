import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What a `next build` is made from: when any of these is newer than the build, the build is stale. */
const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", "build", ".next"]);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.isSymbolicLink()) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/**
 * Whether `root` needs a `next build` before `next start`: there is no build
 * yet, or a source file (after a `git pull` or an edit) is newer than it.
 * Mtimes only (a few hundred stats, milliseconds).
 */
export function buildState(root: string): "missing" | "stale" | "fresh" {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "missing";
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > built ? "stale" : "fresh";
}
