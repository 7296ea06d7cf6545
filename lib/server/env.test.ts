import { describe, expect, it } from "vitest";
import { parseEnv, parseHttpEnv } from "./env";

describe("PUBLIC_URL and TRUSTED_PROXY", () => {
  it("default to http://localhost:$PORT and no trusted proxy", () => {
    expect(parseHttpEnv({})).toEqual({ PORT: 3000, PUBLIC_URL: "http://localhost:3000", PUBLIC_URL_CONFIGURED: false, TRUSTED_PROXY: false });
    expect(parseHttpEnv({ PORT: "8080", PUBLIC_URL: " ", TRUSTED_PROXY: "" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(parseEnv({}, "/srv").TRUSTED_PROXY).toBe(false);
  });

  it("keep only the origin of PUBLIC_URL and accept 1/true/0/false for TRUSTED_PROXY", () => {
    const env = parseHttpEnv({ PUBLIC_URL: "https://Intersect.Example.com:443/", TRUSTED_PROXY: "TRUE" });
    expect(env).toMatchObject({ PUBLIC_URL: "https://intersect.example.com", PUBLIC_URL_CONFIGURED: true, TRUSTED_PROXY: true });
    expect(parseHttpEnv({ TRUSTED_PROXY: "1" }).TRUSTED_PROXY).toBe(true);
    expect(parseHttpEnv({ TRUSTED_PROXY: "0" }).TRUSTED_PROXY).toBe(false);
  });

  it("refuse a non-http URL, a path and an unknown TRUSTED_PROXY value, naming the variable", () => {
    expect(() => parseHttpEnv({ PUBLIC_URL: "ftp://x.example" })).toThrow(/PUBLIC_URL: must be an http/);
    expect(() => parseHttpEnv({ PUBLIC_URL: "intersect.example.com" })).toThrow(/PUBLIC_URL/);
    expect(() => parseHttpEnv({ PUBLIC_URL: "https://x.example/intersect" })).toThrow(/PUBLIC_URL: must be an origin without a path/);
    expect(() => parseHttpEnv({ TRUSTED_PROXY: "yes" })).toThrow(/TRUSTED_PROXY/);
  });
});

describe("ENDPOINT_HOSTS", () => {
  it("stops the server at start when an entry is not a host rule, naming it", () => {
    expect(() => parseEnv({ ENDPOINT_HOSTS: "triton.internal,https://kserve.example.com" }, "/srv")).toThrow(/ENDPOINT_HOSTS: "https:\/\/kserve\.example\.com" is not a host/);
    expect(() => parseEnv({ ENDPOINT_HOSTS: "triton.internal:8000,*.models.example.com" }, "/srv")).not.toThrow();
  });
});
