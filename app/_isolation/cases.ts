/**
 * The isolation test's table: one case per discovered entry point. A new
 * page, route method or server action has no case until someone adds one
 * here, and the test fails until then.
 *
 * - `owner`: every id the entry takes must belong to the signed-in user.
 *   `slots` maps each route param / action input field to the kind of id it
 *   holds (or a fixed literal). The test then checks: A's ids as B → not
 *   found; B's own ids with any one slot replaced by any of A's ids (of every
 *   kind) as B → not found; signed out → sign-in; and, as positive controls,
 *   A's own ids as A and B's own ids as B are served. No row may change
 *   during the refused calls.
 * - `public`: the entry takes no owned id; `check` says what it may show
 *   (no other user's data) and returns the problems it finds.
 */
import type { DiscoveredEntry } from "./discover";
import type { Outcome } from "./call";
import type { IdKind, WorldUser } from "./world";

export type Slot = IdKind | { literal: string };
export type Who = "a" | "b" | null;

export interface Harness {
  a: WorldUser;
  b: WorldUser;
  /** Calls the entry under `who`'s cookies (null = signed out). */
  call(who: Who, entry: DiscoveredEntry, values: Record<string, string>, args?: unknown[]): Promise<Outcome>;
}

export type IsolationCase =
  | { scope: "owner"; slots: Record<string, Slot>; skipPositive?: string }
  | {
      scope: "public";
      reason: string;
      check(h: Harness, entry: DiscoveredEntry): Promise<string[]>;
      /** Tables the entry may legitimately write during its check (with the reason in `reason`). */
      mayWrite?: string[];
    };

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const leaks = (text: string, names: string[]) => names.filter((n) => text.includes(n));

export const ISOLATION_CASES: Record<string, IsolationCase> = {
  "page /": {
    scope: "public",
    reason: "lists the signed-in user's own apps",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "rendered") problems.push(`B's home page did not render: ${asB.type}`);
      else {
        if (leaks(asB.text, h.a.appNames).length) problems.push(`B's home page shows A's apps: ${leaks(asB.text, h.a.appNames).join(", ")}`);
        if (leaks(asB.text, h.b.appNames).length !== h.b.appNames.length) problems.push("B's home page does not show all of B's apps");
        if (leaks(asB.text, h.a.ids.app).length) problems.push("B's home page links to A's app ids");
      }
      const asA = await h.call("a", entry, {});
      if (asA.type !== "rendered" || leaks(asA.text, h.a.appNames).length !== h.a.appNames.length) problems.push("A's home page does not show A's apps (positive control)");
      const out = await h.call(null, entry, {});
      if (out.type !== "redirect" || !out.to.startsWith("/sign-in")) problems.push(`signed-out home page is not a redirect to /sign-in: ${out.type}`);
      return problems;
    },
  },
  "page /sign-in": {
    scope: "public",
    reason: "the sign-in form; a signed-in user is sent home",
    async check(h, entry) {
      const problems: string[] = [];
      const out = await h.call(null, entry, {});
      if (out.type !== "rendered" || !/Sign in/.test(out.text)) problems.push(`signed-out sign-in page did not render the form: ${out.type}`);
      const asB = await h.call("b", entry, {});
      if (asB.type !== "redirect" || asB.to !== "/") problems.push(`signed-in B on /sign-in is not sent to /: ${asB.type}`);
      return problems;
    },
  },
  "page /apps/[appId]": { scope: "owner", slots: { appId: "app" } },
  "page /datasets/[datasetId]": { scope: "owner", slots: { datasetId: "dataset" } },
  "page /models/[modelId]": { scope: "owner", slots: { modelId: "model" } },
  "page /evaluations/[evaluationId]": { scope: "owner", slots: { evaluationId: "evaluation" } },

  "GET /api/health": {
    scope: "public",
    reason: "liveness check, no user data",
    async check(h, entry) {
      const out = await h.call(null, entry, {});
      return out.type === "response" && out.status === 200 && out.body === JSON.stringify({ ok: true }) ? [] : [`health answered ${out.type}`];
    },
  },
  "GET /api/v1/datasets/[datasetId]/versions": { scope: "owner", slots: { datasetId: "dataset" } },
  "GET /api/v1/evaluations/[evaluationId]": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/confusion": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/confusion/images": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/images": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/threshold": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/samples/[sampleId]/[view]": {
    scope: "owner",
    slots: { evaluationId: "evaluation", sampleId: "sample", view: { literal: "truth" } },
  },
  "GET /api/v1/evaluations/[evaluationId]/images": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/threshold": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/confusion": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/confusion/images": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/samples/[sampleId]/[kind]": { scope: "owner", slots: { sampleId: "sample", kind: { literal: "image" } } },

  "action createEvaluationAction": { scope: "owner", slots: { modelVersionId: "modelVersion", datasetId: "dataset" } },
  "action startEvaluationAction": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "action cancelEvaluationAction": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "action deleteEvaluationAction": {
    scope: "owner",
    slots: { evaluationId: "evaluation" },
    skipPositive: "deleting A's first evaluation would break the positive controls of the entries after it",
  },
  "action renameEvaluationAction": { scope: "owner", slots: { evaluationId: "evaluation", name: { literal: "renamed by the isolation test" } } },
  "action renameEvaluationAction": { scope: "owner", slots: { evaluationId: "evaluation", name: { literal: "renamed by the isolation test" } } },
  "action deleteEvaluationAction": {
    scope: "public",
    reason: "takes an evaluation id, but its positive control would delete the world's evaluations that later cases use: only the refusals are checked here",
    async check(h, entry) {
      const problems: string[] = [];
      const code = (out: Awaited<ReturnType<Harness["call"]>>) => (out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type);
      for (const id of [...h.a.ids.evaluation, h.a.ids.app[0], h.a.ids.model[0]]) {
        const out = await h.call("b", entry, { evaluationId: id });
        if (code(out) !== "not_found") problems.push(`B deleting A's id ${id} answered ${JSON.stringify(out)}`);
      }
      const out = await h.call(null, entry, { evaluationId: h.a.ids.evaluation[0] });
      if (code(out) !== "unauthenticated") problems.push(`signed-out delete answered ${JSON.stringify(out)}`);
      return problems;
    },
  },
  "action signInAction": {
    scope: "public",
    reason: "takes credentials, not ids; a wrong password for A's email must not sign anyone in (it may count the failure for throttling)",
    mayWrite: ["SignInThrottle"],
    async check(h, entry) {
      const problems: string[] = [];
      for (const who of [null, "b"] as const) {
        const out = await h.call(who, entry, {}, [{ error: null, email: "" }, form({ email: h.a.email, password: "not-the-password" })]);
        const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : undefined;
        if (code !== "unauthenticated") problems.push(`sign-in with a wrong password (as ${who ?? "nobody"}) answered ${JSON.stringify(out)}`);
      }
      return problems;
    },
  },
  "action signOutAction": {
    scope: "public",
    reason: "ends the caller's own session only; checked signed out (signing B out would end B's session for the rest of the test)",
    async check(h, entry) {
      const out = await h.call(null, entry, {}, []);
      return out.type === "redirect" && out.to === "/sign-in" ? [] : [`signed-out sign-out answered ${out.type}`];
    },
  },
};
