import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildState } from "./build-freshness";

const root = mkdtempSync(path.join(tmpdir(), "intersect-build-state-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("buildState", () => {
  it("is missing without a build, fresh after one, stale once a source changes", () => {
    mkdirSync(path.join(root, "app"), { recursive: true });
    writeFileSync(path.join(root, "app", "page.tsx"), "x");
    expect(buildState(root)).toBe("missing");
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next", "BUILD_ID"), "b");
    const past = new Date(Date.now() - 60_000);
    const built = new Date(Date.now() - 30_000);
    utimesSync(path.join(root, "app", "page.tsx"), past, past);
    utimesSync(path.join(root, ".next", "BUILD_ID"), built, built);
    expect(buildState(root)).toBe("fresh");
    mkdirSync(path.join(root, "lib", "core"), { recursive: true });
    writeFileSync(path.join(root, "lib", "core", "new.ts"), "y");
    expect(buildState(root)).toBe("stale");
  });
});
