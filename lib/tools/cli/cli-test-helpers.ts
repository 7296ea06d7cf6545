/** Helpers shared by the CLI tests: run the real CLI, write small mask folders. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodePngAdaptive } from "@/lib/tools/bench/png-encode";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node lib/tools/cli/intersect.mjs ...args` (what `npm run -s intersect --` runs) from the repo root. */
export function runIntersect(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const child = spawnSync(process.execPath, ["lib/tools/cli/intersect.mjs", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A fresh temporary folder for one test file. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `intersect-${prefix}-`));
}

export interface GreyMask {
  width: number;
  height: number;
  /** Row-major labels, 0..255. */
  values: readonly number[];
}

/** Writes <dir>/<name>.png for every entry as an 8-bit grey PNG; creates dir. */
export function writeGreyMasks(dir: string, masks: Record<string, GreyMask>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, m] of Object.entries(masks)) {
    writeFileSync(path.join(dir, `${name}.png`), encodePngAdaptive(m.width, m.height, Uint8Array.from(m.values)));
  }
  return dir;
}

/** Writes <dir>/<name>.png as an RGB PNG, each label painted with colors[label]. */
export function writeRgbMasks(dir: string, masks: Record<string, GreyMask>, colors: Record<number, readonly [number, number, number]>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, m] of Object.entries(masks)) {
    const rgb = new Uint8Array(m.values.length * 3);
    m.values.forEach((v, i) => {
      const c = colors[v];
      if (!c) throw new Error(`no colour for label ${v}`);
      rgb.set(c, 3 * i);
    });
    writeFileSync(path.join(dir, `${name}.png`), encodePngAdaptive(m.width, m.height, rgb, 3));
  }
  return dir;
}

/** The two-image, three-class fixture whose numbers are worked out by hand in cli.test.ts. */
export const HAND_FIXTURE = {
  gt: {
    a: { width: 4, height: 2, values: [0, 0, 1, 1, 0, 255, 1, 1] },
    b: { width: 4, height: 2, values: [1, 1, 1, 1, 0, 0, 0, 0] },
  },
  pred: {
    a: { width: 4, height: 2, values: [0, 1, 1, 1, 7, 0, 1, 255] },
    b: { width: 4, height: 2, values: [1, 1, 0, 0, 0, 0, 0, 0] },
  },
} satisfies { gt: Record<string, GreyMask>; pred: Record<string, GreyMask> };
