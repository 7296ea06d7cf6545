/**
 * Generated isolation test (issue 8, "Enforce it"). Every page, route
 * handler method and server action is discovered from the app's own files
 * (app/_isolation/discover.ts) and must have a case in
 * app/_isolation/cases.ts. Signed in as user B, each entry is called with
 * user A's ids — and with B's own ids where one is swapped for any of A's
 * ids of any kind — and must answer not found (notFound() for pages, 404 for
 * routes, `{ok: false, error: {code: "not_found"}}` for actions) without
 * creating or changing a row or a blob. Positive controls (A's ids as A, B's
 * ids as B) keep the test from passing vacuously.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { callEntry, describe as describeOutcome, matches, type Outcome } from "./_isolation/call";
import { ISOLATION_CASES, OTHER_METHOD_CASE, type Harness, type Who } from "./_isolation/cases";
import { discoverEntries, findInlineServerActions, type DiscoveredEntry } from "./_isolation/discover";
import { currentJar, switchJar, type CookieJar } from "./_isolation/request-state";
import { ID_KINDS, diffSnapshots, findPair, openReadOnly, readUser, runWorkerUntilDone, snapshot, type WorldUser } from "./_isolation/world";

vi.mock("next/headers", async () => (await import("./_isolation/request-state")).nextHeadersMock);

const A_EMAIL = "demo@intersect.local";
const B_EMAIL = "other@intersect.local";
const PASSWORDS: Record<string, string> = { [A_EMAIL]: "intersect-demo", [B_EMAIL]: "intersect-other" };
/** How many of A's ids of each kind are tried in each slot. */
const IDS_PER_KIND = 2;

// The app reads DATA_DIR / DATABASE_URL on first use: point them at a fresh database before any app module loads.
const testDb = await createTestDatabase("intersect-isolation-");
vi.stubEnv("DATA_DIR", testDb.dir);
vi.stubEnv("DATABASE_URL", testDb.url);
const entries = await discoverEntries();
const { isOtherMethodAnswer } = await import("@/lib/server/transport/method-not-allowed");
const { hashFillsSettled } = await import("@/lib/server/models/leakage");
const entry = (key: string) => {
  const found = entries.find((e) => e.key === key);
  if (!found) throw new Error(`The isolation world needs ${key}, which was not discovered`);
  return found;
};

const jars = new Map<Who, CookieJar>([[null, new Map()]]);
let a: WorldUser;
let b: WorldUser;
let sql: ReturnType<typeof openReadOnly>;

async function call(who: Who, e: DiscoveredEntry, values: Record<string, string>, args?: unknown[]): Promise<Outcome> {
  switchJar(jars.get(who)!);
  return callEntry(e, values, args);
}

async function signInThroughAction(who: "a" | "b", email: string): Promise<void> {
  switchJar(new Map());
  const form = new FormData();
  form.set("email", email);
  form.set("password", PASSWORDS[email]);
  const out = await callEntry(entry("action signInAction"), {}, [{ error: null, email: "" }, form]);
  if (out.type !== "redirect") throw new Error(`Signing in ${email} failed: ${describeOutcome(out)}`);
  jars.set(who, currentJar());
}

async function createEvaluationAs(who: Who, pair: { modelVersionId: string; datasetId: string }, start: boolean): Promise<string> {
  const created = await call(who, entry("action createEvaluationAction"), pair);
  const value = created.type === "result" ? (created.value as { ok: boolean; data?: { id: string } }) : undefined;
  if (!value?.ok || !value.data) throw new Error(`Creating a test evaluation failed: ${describeOutcome(created)}`);
  if (start) {
    const started = await call(who, entry("action startEvaluationAction"), { evaluationId: value.data.id });
    if (started.type !== "result" || !(started.value as { ok: boolean }).ok) throw new Error(`Starting failed: ${describeOutcome(started)}`);
  }
  return value.data.id;
}

beforeAll(async () => {
  const { seedDemoWorkspace } = await import("@/lib/tools/demo/seed");
  await seedDemoWorkspace({ db: testDb.db, log: () => {} });
  sql = openReadOnly(testDb.url);
  await signInThroughAction("a", A_EMAIL);
  await signInThroughAction("b", B_EMAIL);
  const finishedA = await createEvaluationAs("a", findPair(sql, A_EMAIL, "lesion-unet", "clinic-val"), true);
  await createEvaluationAs("a", findPair(sql, A_EMAIL, "street-segmenter", "dashcam-2026-q3"), false);
  const finishedB = await createEvaluationAs("b", findPair(sql, B_EMAIL, "picker-vision", "warehouse-private"), true);
  await runWorkerUntilDone(sql, [finishedA, finishedB]);
  a = readUser(sql, A_EMAIL, finishedA);
  b = readUser(sql, B_EMAIL, finishedB);
  for (const kind of ID_KINDS) {
    if (!a.ids[kind].length || !b.ids[kind].length) throw new Error(`The test world lacks a ${kind} for A or B`);
  }
}, 240_000);

afterAll(async () => {
  sql?.close();
  vi.unstubAllEnvs();
  await testDb.cleanup();
});

describe("discovery", () => {
  it("finds pages, route handlers and server actions", () => {
    const kinds = new Set(entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["action", "page", "route"]);
    expect(entries.filter((e) => e.kind === "page").length).toBeGreaterThanOrEqual(6);
  });

  it("finds no inline \"use server\" functions (they cannot be enumerated: put actions in lib/server/actions)", () => {
    expect(findInlineServerActions()).toEqual([]);
  });

  it("has no case for an entry that no longer exists", () => {
    const keys = new Set(entries.map((e) => e.key));
    expect(Object.keys(ISOLATION_CASES).filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe("another user's ids are not found, and nothing changes", () => {
  for (const e of entries) {
    it(`${e.key}  (${e.file})`, async () => {
      const c = ISOLATION_CASES[e.key] ?? (isOtherMethodAnswer(await e.load()) ? OTHER_METHOD_CASE : undefined);
      if (!c) {
        throw new Error(
          `No isolation case for "${e.key}" (${e.file}). Add one to app/_isolation/cases.ts: ` +
            `{scope: "owner", slots: {<param or input field>: <id kind>}} when it takes ids, or a "public" check when it takes none.`,
        );
      }
      const h: Harness = { a, b, call };
      // A results page or leakage route served to its owner (an earlier positive control) may still be
      // storing perceptual hashes in the background: let it finish so that its writes are not taken for this entry's.
      await hashFillsSettled();
      const before = snapshot(sql, testDb.dir);
      const problems: string[] = [];
      const expectOutcome = async (who: Who, values: Record<string, string>, expected: "not_found" | "signed_out" | "ok") => {
        const out = await call(who, e, values);
        if (!matches(e.kind, out, expected)) problems.push(`as ${who ?? "nobody"} with ${JSON.stringify(values)}: expected ${expected}, got ${describeOutcome(out)}`);
      };

      if (c.scope === "public") {
        problems.push(...(await c.check(h, e)));
      } else {
        const slots = Object.entries(c.slots);
        const own = (u: WorldUser, pick = 0) =>
          Object.fromEntries(slots.map(([k, s]) => [k, typeof s === "string" ? u.ids[s][Math.min(pick, u.ids[s].length - 1)] : s.literal]));
        for (let i = 0; i < IDS_PER_KIND; i++) await expectOutcome("b", own(a, i), "not_found");
        for (const [name, slot] of slots) {
          if (typeof slot !== "string") continue;
          for (const kind of ID_KINDS) {
            for (const foreignId of a.ids[kind].slice(0, IDS_PER_KIND)) await expectOutcome("b", { ...own(b), [name]: foreignId }, "not_found");
          }
        }
        await expectOutcome(null, own(a), "signed_out");
        problems.push(...diffSnapshots(before, snapshot(sql, testDb.dir)));
        // Positive controls: each user's own ids are served (these may create rows, so they come after the comparison).
        if (!c.skipPositive) {
          await expectOutcome("a", own(a), "ok");
          await expectOutcome("b", own(b), "ok");
        }
      }
      if (c.scope === "public") {
        const allowed = (c.mayWrite ?? []).map((table) => `${table}: `);
        problems.push(...diffSnapshots(before, snapshot(sql, testDb.dir)).filter((p) => !allowed.some((prefix) => p.startsWith(prefix))));
      }
      expect(problems).toEqual([]);
    });
  }
});
