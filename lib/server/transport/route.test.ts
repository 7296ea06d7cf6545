import { describe, expect, it, vi } from "vitest";
import { authedRoute } from "./route";

describe("authedRoute", () => {
  it("refuses a cross-site cookie POST before the handler (the upload routes do not pass the proxy)", async () => {
    const handler = vi.fn(async () => new Response("ran"));
    const route = authedRoute(handler);
    const req = new Request("http://127.0.0.1:3000/api/v1/datasets/d1/uploads", {
      method: "POST",
      headers: { cookie: "intersect_session=x", origin: "https://evil.example", host: "127.0.0.1:3000" },
    });
    const res = await route(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_origin" } });
    expect(handler).not.toHaveBeenCalled();
  });
});
