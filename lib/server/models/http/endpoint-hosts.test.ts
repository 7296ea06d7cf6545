import { afterEach, describe, expect, it, vi } from "vitest";
import { createOipClient } from "./oip-client";
import { endpointHostProblem, endpointHostRules } from "./endpoint-hosts";

const problem = (url: string, allowed?: string) => endpointHostProblem(new URL(url), allowed);

describe("endpointHostProblem (ENDPOINT_HOSTS)", () => {
  it("allows any host when unset or empty", () => {
    expect(problem("http://10.0.0.5:8080/v2", undefined)).toBeNull();
    expect(problem("http://10.0.0.5:8080/v2", " , ")).toBeNull();
  });
  it("matches a host, a host:port and a *.domain, case-insensitively", () => {
    const allowed = "Triton.internal, kserve.example.com:8443, *.models.example.com";
    expect(problem("http://triton.internal:8000", allowed)).toBeNull();
    expect(problem("https://kserve.example.com:8443", allowed)).toBeNull();
    expect(problem("https://a.models.example.com", allowed)).toBeNull();
    expect(problem("https://kserve.example.com", allowed)).toMatch(/^kserve\.example\.com is not among the endpoint hosts/);
    expect(problem("https://models.example.com", allowed)).not.toBeNull();
    expect(problem("http://169.254.169.254/latest", allowed)).toMatch(/^169\.254\.169\.254 is not among/);
    expect(problem("http://evilmodels.example.com", allowed)).not.toBeNull();
  });
  it("refuses every endpoint, naming the entry, when ENDPOINT_HOSTS holds something that is not a host rule", () => {
    for (const bad of ["http://triton.internal", "triton.internal/v2", "triton internal", "*", "host:0", "host:99999", "host:port"]) {
      expect(() => endpointHostRules(`ok.example, ${bad}`)).toThrow(/^ENDPOINT_HOSTS: ".+" is not a host, host:port or \*\.domain/);
      expect(problem("http://ok.example", `ok.example, ${bad}`)).toMatch(/misconfigured, so no endpoint may be called: ENDPOINT_HOSTS: "/);
    }
    expect(endpointHostRules(" Triton.internal:8000 , *.models.example.com,[::1]:9000, ")).toEqual(["triton.internal:8000", "*.models.example.com", "[::1]:9000"]);
  });
  it("reads a default port from the scheme and bracketed IPv6 rules", () => {
    expect(problem("https://kserve.example.com", "kserve.example.com:443")).toBeNull();
    expect(problem("http://[::1]:9000", "[::1]:9000")).toBeNull();
    expect(problem("http://[::1]:9001", "[::1]:9000")).not.toBeNull();
  });
});

describe("the OIP client", () => {
  afterEach(() => vi.unstubAllEnvs());
  it("refuses an endpoint outside ENDPOINT_HOSTS before sending anything", () => {
    vi.stubEnv("ENDPOINT_HOSTS", "triton.internal");
    expect(() => createOipClient({ url: "http://127.0.0.1:9/", modelName: "m" })).toThrow(/^127\.0\.0\.1:9 is not among the endpoint hosts/);
    expect(() => createOipClient({ url: "http://triton.internal:8000", modelName: "m" })).not.toThrow();
  });
});
