/**
 * Launcher of the `intersect` CLI (`npm run -s intersect -- ...`).
 *
 * Running TypeScript through tsx costs ~0.5 s at start and ~0.4 s per worker
 * thread (each worker needs its own loader). Instead, lib/tools/cli/main.ts and
 * lib/tools/cli/worker.ts are bundled once with esbuild into
 * node_modules/.cache/intersect-cli/<hash>/, keyed by a hash of every bundled
 * source file, and later runs start the plain-JS bundle. A run first compares
 * each input's size, mtime and ctime with the manifest (~1 ms; ctime cannot be
 * set back by hand); only when one differs are the contents re-hashed (~6 ms),
 * and a rebuild happens only when the hash differs too. Concurrent first runs
 * each build into a private folder and the first rename wins. The bundle
 * files end in .mjs so that Node need not look for a package.json to learn
 * their module type; node:crypto is loaded only to hash, and this file uses
 * the global `process` (importing "node:process" initialises stdin, ~5 ms).
 * Before starting, the WebAssembly kernels of lib/core are built if missing
 * or stale (lib/tools/cli/build-wasm.mjs) and their path handed on in
 * INTERSECT_KERNEL_WASM; without them the CLI runs the TypeScript kernels.
 */
/* global process */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureKernelWasm } from "./build-wasm.mjs";

/** Bump when the build options or the manifest change, so that old bundles are not reused. */
const BUILD_VERSION = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
async function sha256() {
  const { createHash } = await import("node:crypto");
  return createHash("sha256");
}

/** node_modules/.cache when writable (the bundle has no package imports, so any folder works), else the temp folder. */
async function pickCacheDir() {
  const preferred = path.join(root, "node_modules", ".cache", "intersect-cli");
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    return path.join(os.tmpdir(), `intersect-cli-${(await sha256()).update(root).digest("hex").slice(0, 8)}`);
  }
}
const cacheDir = await pickCacheDir();
const manifestPath = path.join(cacheDir, "manifest.json");
const STALE_MS = 60 * 60 * 1000;

async function hashInputs(inputs) {
  const hash = await sha256();
  hash.update(`v${BUILD_VERSION}\0${process.version}\0`);
  for (const file of inputs) {
    hash.update(file);
    hash.update("\0");
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

/** Size, mtime and ctime of every input, as one string each: unchanged stats mean unchanged files. */
function statInputs(inputs) {
  return inputs.map((file) => {
    const st = statSync(path.join(root, file));
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  });
}

function writeManifest(key, inputs) {
  const manifestTmp = `${manifestPath}.${process.pid}`;
  writeFileSync(manifestTmp, JSON.stringify({ buildVersion: BUILD_VERSION, key, inputs, stats: statInputs(inputs) }));
  renameSync(manifestTmp, manifestPath);
}

async function cachedBundle() {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.buildVersion !== BUILD_VERSION) return null;
    const dir = path.join(cacheDir, manifest.key);
    if (!existsSync(path.join(dir, "main.mjs")) || !existsSync(path.join(dir, "worker.mjs"))) return null;
    const stats = statInputs(manifest.inputs);
    if (stats.every((s, i) => s === manifest.stats?.[i])) return dir;
    if ((await hashInputs(manifest.inputs)) !== manifest.key) return null;
    // Touched but not changed (e.g. a checkout): record the new stats so that the next run skips hashing again.
    writeManifest(manifest.key, manifest.inputs);
    return dir;
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
    entryPoints: { main: "lib/tools/cli/main.ts", worker: "lib/tools/cli/worker.ts" },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    // lib/server modules say "server-only"; under this condition it is the empty module, as in Next's server and in tsx --conditions=react-server.
    conditions: ["react-server"],
    format: "esm",
    target: "node20",
    tsconfig: "tsconfig.json",
    external: ["sharp", "better-sqlite3", "@prisma/*"],
    banner: { js: 'import { createRequire as __intersectRequire } from "node:module"; const require = __intersectRequire(import.meta.url);' },
    metafile: true,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const key = await hashInputs(inputs);
  const dir = path.join(cacheDir, key);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeManifest(key, inputs);
  removeStale(key);
  return dir;
}

const dir = (await cachedBundle()) ?? (await buildBundle());
// The WebAssembly kernels (built from lib/core/wasm/assembly when missing or stale); worker threads inherit the path.
process.env.INTERSECT_KERNEL_WASM ||= ensureKernelWasm(root) ?? "";
await import(pathToFileURL(path.join(dir, "main.mjs")).href);
