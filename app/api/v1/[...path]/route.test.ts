import { describe, expect, it } from "vitest";
import { GET, POST } from "./route";

describe("unknown /api/v1 paths", () => {
  it("answer the API's JSON 404, naming the method and path", async () => {
    for (const [handler, method] of [[GET, "GET"], [POST, "POST"]] as const) {
      const res = await handler(new Request("http://127.0.0.1/api/v1/nothing/here", { method }));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: `There is no API route ${method} /api/v1/nothing/here.` } });
    }
  });
});
