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

/** The catch-all under /api/v1: takes no id and serves nothing, to anyone (a 404 in the API's JSON error shape). */
const unknownApiPath: IsolationCase = {
  scope: "public",
  reason: "answers any path no route serves with the API's JSON 404; takes no id and shows nothing",
  async check(h, entry) {
    const problems: string[] = [];
    for (const who of ["b", null] as const) {
      const res = await h.call(who, entry, { path: "nothing" });
      if (res.type !== "response" || res.status !== 404 || !res.body.includes('"code":"not_found"')) problems.push(`${who ?? "signed out"}: ${res.type}`);
    }
    return problems;
  },
};

/**
 * A method a REST route does not serve (`otherMethods` in
 * lib/server/transport/method-not-allowed.ts, one shared case for all of
 * them): the API's JSON 405 — OPTIONS a 204 — to anyone, whatever the ids.
 */
export const OTHER_METHOD_CASE: IsolationCase = {
  scope: "public",
  reason: "answers a method the route does not serve with the API's JSON 405 (OPTIONS: 204 with Allow); reads no id and shows nothing",
  async check(h, entry) {
    const problems: string[] = [];
    const values = Object.fromEntries(entry.params.map((p) => [p, h.a.ids.app[0]]));
    const options = entry.key.startsWith("OPTIONS ");
    for (const who of ["b", null] as const) {
      const res = await h.call(who, entry, values);
      const ok = res.type === "response" && (options ? res.status === 204 : res.status === 405 && res.body.includes('"code":"method_not_allowed"'));
      if (!ok) problems.push(`${who ?? "signed out"}: ${res.type === "response" ? `${res.status} ${res.body.slice(0, 120)}` : res.type}`);
    }
    return problems;
  },
};

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

  // Datasets from the browser and the REST API (issue 11).
  "page /datasets/new": {
    scope: "public",
    reason: "the new-dataset form lists the signed-in user's own apps",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "rendered") problems.push(`B's new-dataset page did not render: ${asB.type}`);
      else if (leaks(asB.text, h.a.appNames).length || leaks(asB.text, h.a.ids.app).length) problems.push("B's new-dataset page shows A's apps");
      const out = await h.call(null, entry, {});
      if (out.type !== "redirect" || !out.to.startsWith("/sign-in")) problems.push(`signed-out new-dataset page is not a redirect to /sign-in: ${out.type}`);
      return problems;
    },
  },
  "page /datasets/[datasetId]/upload": { scope: "owner", slots: { datasetId: "dataset" } },
  "page /datasets/[datasetId]/versions/[number]": { scope: "owner", slots: { datasetId: "dataset", number: { literal: "1" } } },
  "GET /api/v1/apps/[appId]/datasets": { scope: "owner", slots: { appId: "app" } },
  "POST /api/v1/apps/[appId]/datasets": {
    scope: "owner",
    slots: { appId: "app" },
    skipPositive: "the harness posts no body, so the owner's call is a 422 (created datasets are covered in app/api/v1/datasets/dataset-rest.test.ts)",
  },
  "POST /api/v1/datasets/[datasetId]/versions": {
    scope: "owner",
    slots: { datasetId: "dataset" },
    skipPositive: "the harness posts no multipart body, so the owner's call is a 422 (uploads are covered in dataset-rest.test.ts)",
  },
  "POST /api/v1/datasets/[datasetId]/uploads": {
    scope: "owner",
    slots: { datasetId: "dataset" },
    skipPositive: "the harness posts no multipart body, so the owner's call is a 422",
  },
  "GET /api/v1/datasets/[datasetId]/uploads/[uploadId]/report": {
    scope: "owner",
    slots: { datasetId: "dataset", uploadId: { literal: "00000000-0000-4000-8000-000000000000" } },
    skipPositive: "uploads live in the staging area, not in the world: the owner's own call finds no such upload (404)",
  },
  "GET /api/v1/datasets/[datasetId]/versions/[number]/samples": { scope: "owner", slots: { datasetId: "dataset", number: { literal: "1" } } },
  "GET /api/v1/datasets/[datasetId]/versions/[number]/samples/[sampleId]/[kind]": {
    scope: "owner",
    slots: { datasetId: "dataset", number: { literal: "1" }, sampleId: "sample", kind: { literal: "image" } },
    skipPositive: "the world's first sample need not be in version 1 of its first dataset",
  },
  "action createAppAction": {
    scope: "public",
    reason: "takes no ids: creates an app for the caller only; signed out it is refused",
    async check(h, entry) {
      const out = await h.call(null, entry, {}, [{ name: "isolation app" }]);
      const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
      return code === "unauthenticated" ? [] : [`signed-out createAppAction answered ${JSON.stringify(out)}`];
    },
  },
  "action createDatasetAction": {
    scope: "owner",
    slots: { appId: "app", name: { literal: "isolation dataset" } },
    skipPositive: "a positive call creates a dataset, which would change the world for later cases",
  },
  "action discardUploadAction": {
    scope: "owner",
    slots: { datasetId: "dataset", uploadId: { literal: "00000000-0000-4000-8000-000000000000" } },
    skipPositive: "uploads live in the staging area, not in the world: the owner's own call finds no such upload",
  },
  "action importUploadAction": {
    scope: "owner",
    slots: { datasetId: "dataset", uploadId: { literal: "00000000-0000-4000-8000-000000000000" } },
    skipPositive: "uploads live in the staging area, not in the world: the owner's own call finds no such upload",
  },
  "action updateSampleTagsAction": {
    scope: "public",
    reason: "takes a dataset id and a list of sample ids (lists are not slots): every foreign combination must be not_found",
    async check(h, entry) {
      const problems: string[] = [];
      const code = (out: Awaited<ReturnType<Harness["call"]>>) => (out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type);
      const tries = [
        { datasetId: h.a.ids.dataset[0], sampleIds: [h.a.ids.sample[0]] },
        { datasetId: h.b.ids.dataset[0], sampleIds: [h.a.ids.sample[0]] },
        { datasetId: h.a.ids.dataset[0], sampleIds: [h.b.ids.sample[0]] },
      ];
      for (const input of tries) {
        const out = await h.call("b", entry, {}, [{ ...input, add: ["isolation"] }]);
        if (code(out) !== "not_found") problems.push(`B tagging ${JSON.stringify(input)} answered ${JSON.stringify(out)}`);
      }
      const out = await h.call(null, entry, {}, [{ ...tries[0], add: ["isolation"] }]);
      if (code(out) !== "unauthenticated") problems.push(`signed-out tagging answered ${JSON.stringify(out)}`);
      return problems;
    },
  },
  "action removeSamplesAction": {
    scope: "public",
    reason: "takes a dataset id and sample names (not ids): another user's dataset must be not_found, and a positive call would add a version",
    async check(h, entry) {
      const problems: string[] = [];
      for (const datasetId of h.a.ids.dataset) {
        const out = await h.call("b", entry, {}, [{ datasetId, names: ["anything"] }]);
        const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
        if (code !== "not_found") problems.push(`B removing samples of A's dataset ${datasetId} answered ${JSON.stringify(out)}`);
      }
      return problems;
    },
  },
  "page /models/[modelId]/versions/new": { scope: "owner", slots: { modelId: "model" } },
  "GET /api/v1/models/[modelId]/versions": { scope: "owner", slots: { modelId: "model" } },
  "POST /api/v1/models/[modelId]/versions": {
    scope: "owner",
    slots: { modelId: "model" },
    skipPositive: "the harness posts no multipart body, so the owner's call is a 422 (uploads are covered in e2e/models.spec.ts)",
  },
  "POST /api/v1/models/[modelId]/inspect-onnx": {
    scope: "owner",
    slots: { modelId: "model" },
    skipPositive: "the harness posts no multipart body, so the owner's call is a 422 (covered in app/api/v1/models/model-versions.test.ts)",
  },
  "GET /api/v1/model-versions/[modelVersionId]/test-image": {
    scope: "owner",
    slots: { modelVersionId: "modelVersion" },
    skipPositive: "the harness sends no datasetVersionId/sampleId query, so the owner's call is a 422 (covered in app/api/v1/models/model-versions.test.ts)",
  },
  "GET /api/v1/apps/[appId]/models": { scope: "owner", slots: { appId: "app" } },
  "POST /api/v1/apps/[appId]/models": {
    scope: "owner",
    slots: { appId: "app" },
    skipPositive: "the harness posts no body, so the owner's call is a 422",
  },
  "action createModelAction": {
    scope: "owner",
    slots: { appId: "app", name: { literal: "isolation model" } },
    skipPositive: "a positive call creates a model, which would change the world for later cases",
  },
  "action testEndpointAction": {
    scope: "public",
    reason: "takes a model id and an endpoint config (an object, not a slot): another user's model must be not_found before any request is sent",
    async check(h, entry) {
      const problems: string[] = [];
      for (const modelId of h.a.ids.model) {
        const out = await h.call("b", entry, {}, [{ modelId, config: { url: "http://127.0.0.1:9", modelName: "m" } }]);
        const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
        if (code !== "not_found") problems.push(`B testing an endpoint for A's model ${modelId} answered ${JSON.stringify(out)}`);
      }
      return problems;
    },
  },
  "action saveClassMappingAction": {
    scope: "public",
    reason: "takes an evaluation id and a mapping (an object, not a slot): another user's evaluation must be not_found and stay unchanged",
    async check(h, entry) {
      const problems: string[] = [];
      for (const evaluationId of h.a.ids.evaluation) {
        const out = await h.call("b", entry, {}, [{ evaluationId, classMapping: { "0": 0 } }]);
        const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
        if (code !== "not_found") problems.push(`B saving a class mapping of A's evaluation ${evaluationId} answered ${JSON.stringify(out)}`);
      }
      const out = await h.call(null, entry, {}, [{ evaluationId: h.a.ids.evaluation[0], classMapping: { "0": 0 } }]);
      const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
      if (code !== "unauthenticated") problems.push(`signed-out saveClassMappingAction answered ${JSON.stringify(out)}`);
      return problems;
    },
  },
  // REST API v1, tokens and exports (issue 12).
  "page /settings/tokens": {
    scope: "public",
    reason: "lists the signed-in user's own API tokens (names and prefixes, never the tokens)",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "rendered" || !/API tokens/.test(asB.text)) problems.push(`B's tokens page did not render: ${asB.type}`);
      const out = await h.call(null, entry, {});
      if (out.type !== "redirect" || !out.to.startsWith("/sign-in")) problems.push(`signed-out tokens page is not a redirect to /sign-in: ${out.type}`);
      return problems;
    },
  },
  "GET /api/v1/[...path]": unknownApiPath,
  "POST /api/v1/[...path]": unknownApiPath,
  "PUT /api/v1/[...path]": unknownApiPath,
  "PATCH /api/v1/[...path]": unknownApiPath,
  "DELETE /api/v1/[...path]": unknownApiPath,
  "GET /api/v1/apps": {
    scope: "public",
    reason: "lists the caller's own apps",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "response" || asB.status !== 200) problems.push(`B's GET /apps answered ${asB.type}`);
      else {
        if (leaks(asB.body, [...h.a.appNames, ...h.a.ids.app]).length) problems.push("B's GET /apps shows A's apps");
        if (leaks(asB.body, h.b.ids.app).length !== h.b.ids.app.length) problems.push("B's GET /apps misses B's apps");
      }
      const out = await h.call(null, entry, {});
      if (out.type !== "response" || out.status !== 401) problems.push(`signed-out GET /apps answered ${out.type}`);
      return problems;
    },
  },
  "POST /api/v1/apps": {
    scope: "public",
    reason: "creates an app of the caller (takes no id); the harness posts no body, so a signed-in call is a 422 that creates nothing",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "response" || asB.status !== 422) problems.push(`B's bodiless POST /apps answered ${asB.type}`);
      const out = await h.call(null, entry, {});
      if (out.type !== "response" || out.status !== 401) problems.push(`signed-out POST /apps answered ${out.type}`);
      return problems;
    },
  },
  "POST /api/v1/evaluations": {
    scope: "public",
    reason: "its ids are in the JSON body (app/api/v1/api.test.ts tries another user's ids there); here: bodiless is 422, signed out is 401",
    async check(h, entry) {
      const problems: string[] = [];
      const asB = await h.call("b", entry, {});
      if (asB.type !== "response" || asB.status !== 422) problems.push(`B's bodiless POST /evaluations answered ${asB.type}`);
      const out = await h.call(null, entry, {});
      if (out.type !== "response" || out.status !== 401) problems.push(`signed-out POST /evaluations answered ${out.type}`);
      return problems;
    },
  },
  "POST /api/v1/evaluations/[evaluationId]/start": {
    scope: "owner",
    slots: { evaluationId: "evaluation" },
    skipPositive: "answers 202, not 200 (positive calls are in app/api/v1/api.test.ts)",
  },
  "POST /api/v1/evaluations/[evaluationId]/cancel": {
    scope: "owner",
    slots: { evaluationId: "evaluation" },
    skipPositive: "answers 202, not 200 (positive calls are in app/api/v1/api.test.ts)",
  },
  "GET /api/v1/evaluations/[evaluationId]/leakage": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/results": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "GET /api/v1/evaluations/[evaluationId]/results.csv": { scope: "owner", slots: { evaluationId: "evaluation" } },
  "action createApiTokenAction": {
    scope: "public",
    reason: "creates a token of the caller (takes no id)",
    mayWrite: ["ApiToken"],
    async check(h, entry) {
      const problems: string[] = [];
      const out = await h.call(null, entry, {}, [{ name: "isolation" }]);
      const code = out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type;
      if (code !== "unauthenticated") problems.push(`signed-out createApiTokenAction answered ${JSON.stringify(out)}`);
      const asB = await h.call("b", entry, {}, [{ name: "isolation" }]);
      if (asB.type !== "result" || !(asB.value as { ok?: boolean }).ok) problems.push(`B's createApiTokenAction answered ${JSON.stringify(asB)}`);
      return problems;
    },
  },
  "action revokeApiTokenAction": {
    scope: "public",
    reason: "takes a token id (not a world id kind): B revoking A's token, or any of A's ids, is not_found; A revoking it is the positive control",
    mayWrite: ["ApiToken"],
    async check(h, entry) {
      const problems: string[] = [];
      const { createApiTokenAction } = await import("@/lib/server/actions/create-api-token");
      const creator = { ...entry, key: "action createApiTokenAction", load: async () => createApiTokenAction as (...a: never[]) => unknown };
      const made = await h.call("a", creator, {}, [{ name: "isolation revoke" }]);
      const tokenId = made.type === "result" ? (made.value as { data?: { id?: string } }).data?.id : undefined;
      if (!tokenId) return [`A could not create a token: ${JSON.stringify(made)}`];
      const code = (out: Outcome) => (out.type === "result" ? (out.value as { error?: { code?: string } }).error?.code : out.type);
      for (const id of [tokenId, h.a.ids.app[0], h.a.ids.evaluation[0]]) {
        const out = await h.call("b", entry, {}, [{ tokenId: id }]);
        if (code(out) !== "not_found") problems.push(`B revoking ${id} answered ${JSON.stringify(out)}`);
      }
      const out = await h.call(null, entry, {}, [{ tokenId }]);
      if (code(out) !== "unauthenticated") problems.push(`signed-out revoke answered ${JSON.stringify(out)}`);
      const own = await h.call("a", entry, {}, [{ tokenId }]);
      if (own.type !== "result" || !(own.value as { ok?: boolean }).ok) problems.push(`A revoking A's token answered ${JSON.stringify(own)}`);
      return problems;
    },
  },
};
