import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/server/auth/guard", () => ({ requireUser: async () => ({ id: "u1", email: "a@example.test", name: null }) }));
vi.mock("@/lib/server/db/owned", () => ({ findOwnedModel: async () => ({ id: "m1" }) }));
vi.mock("@/lib/server/models/http/test-connection", () => ({
  testConnection: async () => {
    throw new Error("an invalid config must not reach the endpoint");
  },
}));

const { testEndpointAction } = await import("./test-endpoint");

describe("testEndpointAction with an invalid config", () => {
  it("names the field and the reason, like the REST API, not just 'Some fields are not valid.'", async () => {
    const r = await testEndpointAction({ modelId: "m1", config: { url: "not a url", modelName: "seg" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid_input");
    expect(r.error.fieldErrors).toEqual({ "config.url": ["The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000"] });
    expect(r.error.message).toBe("Some fields are not valid: config.url: The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000");
  });

  it("lists every invalid field", async () => {
    const r = await testEndpointAction({ modelId: "m1", config: { url: "ftp://x", modelName: "" } });
    expect(r.ok ? [] : Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual(["config.modelName", "config.url"]);
  });
});
