/**
 * Every REST route answers the methods it does not serve with the API's JSON
 * error (405 `method_not_allowed`, `Allow` listing what it serves), and
 * OPTIONS with the same `Allow`, instead of Next's bare 405. Calls the route
 * modules' exported handlers; none of them touches the database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { httpStatusOf } from "@/lib/core/errors";
import { isOtherMethodAnswer } from "@/lib/server/transport/method-not-allowed";

const API_DIR = path.resolve(import.meta.dirname);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Handler = (req: Request) => Promise<Response>;

/** `app/api/v1/apps/[appId]/models/route.ts` → `/api/v1/apps/[appId]/models`; the catch-all is left out (it is a 404 for every method). */
const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts" && !f.includes("[...path]"))
  .sort();
const urlOf = (file: string) => `/api/v1/${path.dirname(file).split(path.sep).join("/")}`;

describe("methods a REST route does not serve", () => {
  it("have their own error code and status", () => {
    expect(httpStatusOf("method_not_allowed")).toBe(405);
  });

  it("DELETE /api/v1/apps is the API's JSON 405 with an Allow header", async () => {
    const { DELETE } = await import("./apps/route");
    const res = await DELETE(new Request("http://127.0.0.1/api/v1/apps", { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(await res.json()).toEqual({
      error: { code: "method_not_allowed", message: "DELETE is not allowed on /api/v1/apps (allowed: GET, HEAD, OPTIONS, POST)." },
    });
  });

  it.each(routeFiles)("%s answers every other method with a JSON 405 and OPTIONS with the same Allow", async (file) => {
    const mod = (await import(pathToFileURL(path.join(API_DIR, file)).href)) as Partial<Record<(typeof METHODS)[number], Handler>>;
    const served = METHODS.filter((m) => mod[m] !== undefined && !isOtherMethodAnswer(mod[m]));
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((m) => m === "HEAD" || m === "OPTIONS")).toEqual([]);
    const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
    const url = `http://127.0.0.1${urlOf(file)}`;
    for (const method of METHODS.filter((m) => !served.includes(m))) {
      if (method === "HEAD" && served.includes("GET")) {
        expect(mod.HEAD, "Next answers HEAD from GET").toBeUndefined();
        continue;
      }
      const handler = mod[method];
      expect(handler && isOtherMethodAnswer(handler), `${method} ${urlOf(file)} is exported from otherMethods`).toBe(true);
      const res = await handler!(new Request(url, { method }));
      expect(res.headers.get("allow")).toBe(allow);
      if (method === "OPTIONS") {
        expect(res.status).toBe(204);
        continue;
      }
      expect(res.status).toBe(405);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      if (method !== "HEAD") expect((await res.json()).error.code).toBe("method_not_allowed");
    }
  });
});
