/**
 * Launcher of the `intersect` CLI (`npm run -s intersect -- ...`).
 *
 * Running TypeScript through tsx costs ~0.5 s at start and ~0.4 s per worker
 * thread (each worker needs its own loader). Instead, lib/cli/main.ts and
 * lib/cli/worker.ts are bundled once with esbuild into
 * node_modules/.cache/intersect-cli/<hash>/, keyed by a hash of every bundled
 * source file; later runs only re-hash those files (a few ms) and start the
 * plain-JS bundle. Concurrent first runs each build into a private folder and
 * the first rename wins.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bump when the build options below change, so that old bundles are not reused. */
const BUILD_VERSION = 1;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** node_modules/.cache when writable (the bundle has no package imports, so any folder works), else the temp folder. */
function pickCacheDir() {
  const preferred = path.join(root, "node_modules", ".cache", "intersect-cli");
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    return path.join(os.tmpdir(), `intersect-cli-${createHash("sha256").update(root).digest("hex").slice(0, 8)}`);
  }
}
const cacheDir = pickCacheDir();
const manifestPath = path.join(cacheDir, "manifest.json");
const STALE_MS = 60 * 60 * 1000;

function hashInputs(inputs) {
  const hash = createHash("sha256");
  hash.update(`v${BUILD_VERSION}\0${process.version}\0`);
  for (const file of inputs) {
    hash.update(file);
    hash.update("\0");
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

function cachedBundle() {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.buildVersion !== BUILD_VERSION || hashInputs(manifest.inputs) !== manifest.key) return null;
    const dir = path.join(cacheDir, manifest.key);
    return existsSync(path.join(dir, "main.js")) && existsSync(path.join(dir, "worker.js")) ? dir : null;
  } catch {
    return null;
  }
}

function removeStale(keep) {
  for (const name of readdirSync(cacheDir)) {
    const full = path.join(cacheDir, name);
    if (name === keep || name === "manifest.json") continue;
    try {
      if (Date.now() - statSync(full).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

async function buildBundle() {
  const { build } = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `tmp-${process.pid}-${Date.now()}`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: "lib/cli/main.ts", worker: "lib/cli/worker.ts" },
    outdir: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: "tsconfig.json",
    external: ["sharp", "better-sqlite3", "@prisma/*"],
    banner: { js: 'import { createRequire as __intersectRequire } from "node:module"; const require = __intersectRequire(import.meta.url);' },
    metafile: true,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const key = hashInputs(inputs);
  const dir = path.join(cacheDir, key);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  const manifestTmp = `${manifestPath}.${process.pid}`;
  writeFileSync(manifestTmp, JSON.stringify({ buildVersion: BUILD_VERSION, key, inputs }));
  renameSync(manifestTmp, manifestPath);
  removeStale(key);
  return dir;
}

const dir = cachedBundle() ?? (await buildBundle());
await import(pathToFileURL(path.join(dir, "main.js")).href);
