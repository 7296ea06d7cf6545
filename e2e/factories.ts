/**
 * Seed factories for the e2e suite: each spec file builds its own users,
 * apps, datasets and model versions with unique names, through the admin
 * CLI (the same code path an operator uses) on the e2e server's database.
 * Nothing here depends on the demo workspace.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
import { test, type Browser } from "@playwright/test";
import { tempDir, writeClasses, writeDatasetFolder, writePredictionsFolder, type SampleSpec } from "./dataset-files";
import { E2E_BASE_URL, REPO_ROOT, assertLocalTarget, e2eProcessEnv } from "./env";
import { signIn } from "./helpers";

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
const ADMIN = path.join("lib", "tools", "admin", "main.ts");

export interface E2eUser {
  email: string;
  password: string;
}

let counter = 0;

/** A short suffix no other test (of this or an earlier run) uses. */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${randomBytes(2).toString("hex")}`;
}

/** Runs one admin CLI command on the e2e database; returns its stdout, or throws with its stderr. */
export async function admin(args: string[]): Promise<string> {
  assertLocalTarget();
  try {
    const { stdout } = await run(TSX, ["--conditions=react-server", ADMIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...e2eProcessEnv() }, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`admin ${args[0]} failed: ${e.stderr || e.message}`);
  }
}

/** A new user who can sign in (unique email, fixed test password). */
export async function createUser(label: string): Promise<E2eUser> {
  const user = { email: `${label}-${uniqueId()}@e2e.intersect.test`, password: "e2e-password-1" };
  await admin(["create-user", "--email", user.email, "--password", user.password, "--name", label]);
  return user;
}

/** A new app of `user`; returns its (unique) name. */
export async function createApp(user: E2eUser, label: string): Promise<string> {
  const name = `${label} ${uniqueId()}`;
  await admin(["create-app", "--email", user.email, "--app", name, "--description", `${label}, made by the e2e factories`]);
  return name;
}

/** `count` samples named `<prefix>-1…`; every `tagEvery`-th one tagged `night`. */
export function sampleSpecs(prefix: string, count: number, tagEvery = 2): SampleSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i + 1}`, seed: i + 1, tags: (i + 1) % tagEvery === 0 ? ["night"] : [] }));
}

/** Imports `samples` as the next version of dataset `dataset` in `app` (created on first import). */
export async function importDatasetVersion(user: E2eUser, app: string, dataset: string, samples: readonly SampleSpec[], note = ""): Promise<void> {
  const dir = writeDatasetFolder(samples);
  await admin(["import-dataset", "--email", user.email, "--app", app, "--dataset", dataset, "--dir", dir, "--note", note || `${samples.length} samples`]);
}

/**
 * Adds the next version of `model` in `app`, with an imperfect prediction for
 * every sample in `samples` (`miss` = pixels of error), optionally recorded as
 * trained on `trainedOn` ("DATASET:VERSION", for leakage warnings).
 */
export async function createModelVersion(user: E2eUser, app: string, model: string, samples: readonly SampleSpec[], miss: number, trainedOn?: string): Promise<void> {
  const predictions = writePredictionsFolder(samples, miss);
  const classes = writeClasses(tempDir("classes"));
  const training = trainedOn ? ["--trained-on", trainedOn] : [];
  await admin(["create-model-version", "--email", user.email, "--app", app, "--model", model, "--predictions", predictions, "--classes", classes, "--note", `misses by ${miss}px`, ...training]);
}

/**
 * One user's workspace for the evaluation flows: a home app with a model
 * (two versions) and a dataset (v1: 3 samples, v2: 4), a second app with a
 * dataset (3 samples, some tagged night) for cross-app evaluation, and a
 * stranger with an app of their own that the user must never see.
 */
export interface EvaluationWorld {
  user: E2eUser;
  homeApp: string;
  otherApp: string;
  model: string;
  homeDataset: string;
  otherDataset: string;
  stranger: E2eUser;
  strangerApp: string;
  strangerDataset: string;
}

export async function buildEvaluationWorld(label: string): Promise<EvaluationWorld> {
  const id = uniqueId();
  const [user, stranger] = await Promise.all([createUser(`${label}-owner`), createUser(`${label}-stranger`)]);
  const [homeApp, otherApp, strangerApp] = await Promise.all([createApp(user, "Roads"), createApp(user, "Fleet"), createApp(stranger, "Hidden")]);
  const model = `segmenter-${id}`;
  const homeDataset = `roads-val-${id}`;
  const otherDataset = `fleet-${id}`;
  const strangerDataset = `hidden-${id}`;
  const home = sampleSpecs(`roads-${id}`, 4);
  const fleet = sampleSpecs(`fleet-${id}`, 3);
  const hidden = sampleSpecs(`hidden-${id}`, 2);
  // Imports write in one transaction each: run them one after the other (SQLite has one writer).
  await importDatasetVersion(user, homeApp, homeDataset, home.slice(0, 3), "first three");
  await importDatasetVersion(user, homeApp, homeDataset, home, "adds one");
  await importDatasetVersion(user, otherApp, otherDataset, fleet);
  await importDatasetVersion(stranger, strangerApp, strangerDataset, hidden);
  await createModelVersion(user, homeApp, model, [...home, ...fleet], 3);
  await createModelVersion(user, homeApp, model, [...home, ...fleet], 1);
  return { user, homeApp, otherApp, model, homeDataset, otherDataset, stranger, strangerApp, strangerDataset };
}

/** Signs `user` in through the UI once and saves the session to a file for `test.use({storageState})`. */
export async function saveSignedInState(browser: Browser, user: E2eUser, file: string): Promise<void> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user);
  writeFileSync(file, JSON.stringify(await context.storageState()));
  await context.close();
}

/** Where a spec file keeps its signed-in session (one per file and user label). */
export function statePath(name: string): string {
  return path.join(tmpdir(), `intersect-e2e-${process.pid}-${name}.json`);
}

/**
 * For a spec file: builds its world once before its tests (`build` creates
 * the user and what the tests need), signs that user in through the UI once,
 * and runs every test of the file signed in as that user. Returns a getter
 * for the world that names the spec when the build failed.
 */
export function setUpWorld<T extends { user: E2eUser }>(label: string, build: () => Promise<T>, timeoutMs = 180_000): () => T {
  const state = statePath(label);
  let world: T | undefined;
  test.use({ storageState: state });
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(timeoutMs);
    world = await build();
    await saveSignedInState(browser, world.user, state);
  });
  return () => {
    if (!world) throw new Error(`The ${label} world was not built (see the beforeAll error)`);
    return world;
  };
}

/** {@link setUpWorld} with the shared {@link EvaluationWorld}. */
export function setUpEvaluationWorld(label: string): () => EvaluationWorld {
  return setUpWorld(label, () => buildEvaluationWorld(label));
}
