import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { parseHttpEnv, type HttpEnv } from "@/lib/server/env";
// @ts-expect-error next.config.js is plain JS (allowJs is off): the test reads its values as they are.
import nextConfig, { allowedActionOrigins, SERVER_ACTION_BODY_LIMIT_BYTES as CONFIG_LIMIT } from "@/next.config.js";
import { proxy } from "@/proxy";
import { signInPathFor } from "./page";
import { REQUEST_PATH_HEADER, SERVER_ACTION_BODY_LIMIT_BYTES, guardRequest, pathAskedFor, refuseRequest } from "./request-guard";

const PUBLIC: HttpEnv = parseHttpEnv({ PUBLIC_URL: "https://intersect.example.com" });
const PROXIED: HttpEnv = parseHttpEnv({ PUBLIC_URL: "https://intersect.example.com", TRUSTED_PROXY: "true" });
const DEFAULT: HttpEnv = parseHttpEnv({ PORT: "3000" });

function request(method: string, url: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(url, { method, headers });
}

/** The status the guard answers (200 = passed on to the app). */
const statusOf = (req: NextRequest, env: HttpEnv) => guardRequest(req, env).status;
const passedHeaders = (res: Response) => {
  const names = res.headers.get("x-middleware-override-headers")?.split(",") ?? [];
  return Object.fromEntries(names.map((n) => [n, res.headers.get(`x-middleware-request-${n}`)]));
};

const APP = "http://127.0.0.1:3000/evaluations/e1";
const COOKIE = { cookie: "intersect_session=abc" };

describe("CSRF: mutating requests must come from the app's origin", () => {
  it("refuses a foreign Origin with 403 JSON on /api and 403 text elsewhere, never 500", async () => {
    const api = guardRequest(request("POST", "http://127.0.0.1:3000/api/v1/evaluations/e1/start", { ...COOKIE, origin: "https://evil.example" }), PUBLIC);
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: { code: "cross_origin", message: expect.stringContaining("another site") } });
    const action = guardRequest(request("POST", APP, { ...COOKIE, origin: "https://evil.example", "next-action": "abc" }), PUBLIC);
    expect(action.status).toBe(403);
    expect(action.headers.get("content-type")).toContain("text/plain");
  });

  it("ignores a spoofed X-Forwarded-Host unless TRUSTED_PROXY is set", () => {
    const spoofed = { ...COOKIE, origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "next-action": "x" };
    expect(statusOf(request("POST", APP, spoofed), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP, spoofed), DEFAULT)).toBe(403);
    // Behind a trusted proxy, the forwarded host is the proxy's word: it matches.
    const forwarded = { ...COOKIE, origin: "https://intersect.internal", "x-forwarded-host": "intersect.internal", "x-forwarded-proto": "https" };
    expect(statusOf(request("POST", APP, forwarded), PROXIED)).toBe(200);
    expect(statusOf(request("POST", APP, forwarded), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP, { ...forwarded, "x-forwarded-proto": "http" }), PROXIED)).toBe(403);
  });

  it("accepts the configured public origin, and the request's own Host only when PUBLIC_URL is not set", () => {
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "https://intersect.example.com" }), PUBLIC)).toBe(200);
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "http://intersect.example.com" }), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), DEFAULT)).toBe(200);
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "http://localhost:3000", host: "10.0.0.5:3000" }), DEFAULT)).toBe(200);
    expect(statusOf(request("POST", APP, { ...COOKIE, origin: "http://10.0.0.6:3000", host: "10.0.0.5:3000" }), DEFAULT)).toBe(403);
  });

  it("falls back to Referer, refuses a cookie-carrying request with neither (or Origin: null), and lets safe methods through", () => {
    expect(statusOf(request("POST", APP, { ...COOKIE, referer: "https://intersect.example.com/models/m1?x=1" }), PUBLIC)).toBe(200);
    expect(statusOf(request("POST", APP, { ...COOKIE, referer: "https://evil.example/" }), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP, COOKIE), PUBLIC)).toBe(403);
    expect(statusOf(request("DELETE", APP, { ...COOKIE, origin: "null" }), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", APP), PUBLIC)).toBe(200);
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(statusOf(request(method, APP, { ...COOKIE, origin: "https://evil.example" }), PUBLIC)).toBe(200);
  });

  it("lets a cookie-less Bearer-token request through (the REST API checks the token), but not one with a cookie", () => {
    const url = "http://127.0.0.1:3000/api/v1/evaluations";
    expect(statusOf(request("POST", url, { authorization: "Bearer tok_123" }), PUBLIC)).toBe(200);
    expect(statusOf(request("POST", url, { authorization: "Bearer tok_123", origin: "https://evil.example" }), PUBLIC)).toBe(200);
    expect(statusOf(request("POST", url, { authorization: "Bearer tok_123", origin: "https://evil.example", ...COOKIE }), PUBLIC)).toBe(403);
    expect(statusOf(request("POST", url, { authorization: "Basic dTpw", origin: "https://evil.example" }), PUBLIC)).toBe(403);
  });
});

describe("server-action body limit", () => {
  it("answers 413 when Content-Length exceeds the action limit", async () => {
    const headers = { origin: "https://intersect.example.com", "next-action": "abc", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) };
    const res = guardRequest(request("POST", APP, headers), PUBLIC);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("larger than the 1024 KiB allowed");
    expect(statusOf(request("POST", APP, { ...headers, "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) }), PUBLIC)).toBe(200);
    // Route handlers stream uploads with their own limits.
    expect(statusOf(request("POST", "http://127.0.0.1:3000/api/v1/datasets/d/versions", { origin: "https://intersect.example.com", "content-length": "999999999" }), PUBLIC)).toBe(200);
  });

  it("answers 411 for a streamed action body (no Content-Length), whose size cannot be checked before Next reads it", async () => {
    const headers = { origin: "https://intersect.example.com", "next-action": "abc", "transfer-encoding": "chunked" };
    const res = guardRequest(request("POST", APP, headers), PUBLIC);
    expect(res.status).toBe(411);
    expect(await res.text()).toContain("Content-Length");
    expect(statusOf(request("POST", APP, { origin: "https://intersect.example.com", "next-action": "abc" }), PUBLIC)).toBe(200);
    expect(statusOf(request("POST", "http://127.0.0.1:3000/api/v1/datasets/d/versions", { origin: "https://intersect.example.com", "transfer-encoding": "chunked" }), PUBLIC)).toBe(200);
  });

  it("lets Next's own action check allow the public host the guard accepts: PUBLIC_URL's, else localhost:$PORT", () => {
    expect(allowedActionOrigins({ PUBLIC_URL: "https://intersect.example.com/" })).toEqual(["intersect.example.com"]);
    expect(allowedActionOrigins({ PORT: "3150" })).toEqual(["localhost:3150"]);
    expect(allowedActionOrigins({ PUBLIC_URL: " ", PORT: "" })).toEqual(["localhost:3000"]);
    expect(parseHttpEnv({ PORT: "3150" }).PUBLIC_URL).toBe("http://localhost:3150");
  });

  it("uses the same number as next.config.js's serverActions.bodySizeLimit", () => {
    expect(CONFIG_LIMIT).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
  });
});

describe("what the proxy passes on", () => {
  it("drops client-sent X-Forwarded-* unless TRUSTED_PROXY, and overwrites the asked-for path header", () => {
    const headers = { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", [REQUEST_PATH_HEADER]: "//evil.example" };
    const plain = passedHeaders(guardRequest(request("GET", "http://127.0.0.1:3000/models/m1?tab=versions&_rsc=1x", headers), PUBLIC));
    expect(plain["x-forwarded-for"]).toBeUndefined();
    expect(plain["x-forwarded-host"]).toBeUndefined();
    expect(plain["x-forwarded-proto"]).toBeUndefined();
    expect(plain[REQUEST_PATH_HEADER]).toBe("/models/m1?tab=versions");
    const trusted = passedHeaders(guardRequest(request("GET", "http://127.0.0.1:3000/", headers), PROXIED));
    expect(trusted["x-forwarded-for"]).toBe("203.0.113.9");
  });

  it("is what proxy.ts runs (with the process's settings)", () => {
    expect(proxy(request("POST", APP, { ...COOKIE, origin: "https://evil.example" })).status).toBe(403);
    expect(pathAskedFor(new URL("http://x/a%20b?_rsc=1"))).toBe("/a%20b");
  });

  it("page guard: signed-out visitors go to /sign-in?next=<path asked for>, only for safe paths", () => {
    expect(signInPathFor("/models/x")).toBe("/sign-in?next=%2Fmodels%2Fx");
    expect(signInPathFor("/evaluations/e1?tab=images")).toBe("/sign-in?next=%2Fevaluations%2Fe1%3Ftab%3Dimages");
    expect(signInPathFor("/")).toBe("/sign-in");
    expect(signInPathFor(null)).toBe("/sign-in");
    expect(signInPathFor("/\\evil.example/x")).toBe("/sign-in");
    expect(signInPathFor("https://evil.example/")).toBe("/sign-in");
  });
});

describe("paths with a broken %-escape", () => {
  it("are 404 (JSON under /api), before Next would fail on them", async () => {
    const api = guardRequest(request("GET", "http://127.0.0.1:3000/api/v1/evaluations/%ZZ"), DEFAULT);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: "not_found", message: expect.stringContaining("%-escape") } });
    expect(statusOf(request("GET", "http://127.0.0.1:3000/apps/%E0%A4%A"), DEFAULT)).toBe(404);
    expect(statusOf(request("GET", "http://127.0.0.1:3000/apps/a%20b"), DEFAULT)).toBe(200);
  });
});

describe("route handlers ask refuseRequest too (the upload routes bypass the proxy)", () => {
  it("refuses a cookie POST from another site given as a plain Request", async () => {
    const res = refuseRequest(new Request("http://127.0.0.1:3000/api/v1/datasets/d1/uploads", { method: "POST", headers: { ...COOKIE, origin: "https://evil.example" } }), DEFAULT);
    expect(res?.status).toBe(403);
    expect(await res!.json()).toMatchObject({ error: { code: "cross_origin" } });
    expect(refuseRequest(new Request("http://127.0.0.1:3000/api/v1/datasets/d1/uploads", { method: "POST", headers: { authorization: "Bearer isk_x" } }), DEFAULT)).toBeNull();
  });
});
