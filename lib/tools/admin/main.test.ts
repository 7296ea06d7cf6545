import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveUserPath, type AdminDeps } from "./args";
import { runAdmin } from "./main";
import { createAdminTestDeps, writeDatasetFolder } from "./test-helpers";

const neverDeps = (): Promise<AdminDeps> => Promise.reject(new Error("deps must not be needed here"));

describe("runAdmin without a database", () => {
  it("prints the command list for --help and fails with 2 on a missing or unknown command", async () => {
    const help = await runAdmin(["--help"], neverDeps);
    expect(help.exitCode).toBe(0);
    for (const name of ["create-user", "create-app", "import-dataset", "create-model-version", "list"]) expect(help.stdout).toContain(name);
    expect((await runAdmin([], neverDeps)).exitCode).toBe(2);
    const unknown = await runAdmin(["import"], neverDeps);
    expect(unknown).toMatchObject({ exitCode: 2, stdout: "" });
    expect(unknown.stderr).toMatch(/^error: unknown command "import" .*\n$/);
  });

  it("gives each command's help and one-line usage errors with exit code 2", async () => {
    const help = await runAdmin(["create-model-version", "--help"], neverDeps);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("--like-dataset NAME");
    const cases: [string[], string][] = [
      [["create-user", "--email", "ann@example.com"], "--password P is required"],
      [["create-user", "--email", "not-an-email", "--password", "correct-horse"], "--email must be an email address"],
      [["create-user", "--email", "ann@example.com", "--password", "short"], "--password must have at least 8 characters"],
      [["create-app", "--email", "ann@example.com", "--app", "A", "--colour", "red"], "Unknown option '--colour'"],
      [["import-dataset", "--email", "ann@example.com", "--app", "A", "--dataset", "d"], "--dir DIR is required"],
      [["create-model-version", "--email", "ann@example.com", "--app", "A", "--model", "m", "--predictions", "p"], "--classes FILE or --like-dataset NAME"],
      [["create-model-version", "--email", "ann@example.com", "--app", "A", "--model", "m", "--predictions", "p", "--classes", "c.json", "--training-version", "2"], "--training-version needs --training-dataset"],
      [["create-model-version", "--email", "ann@example.com", "--app", "A", "--model", "m", "--predictions", "p", "--classes", "c", "--training-dataset", "d", "--training-version", "x"], "--training-version must be a whole number"],
    ];
    for (const [argv, message] of cases) {
      const outcome = await runAdmin(argv, neverDeps);
      expect(outcome.exitCode, argv.join(" ")).toBe(2);
      expect(outcome.stderr).toContain(message);
      expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});

describe("runAdmin on a test database", () => {
  let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
  const getDeps = async () => deps;
  beforeAll(async () => {
    deps = await createAdminTestDeps();
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it("runs the commands end to end: summaries with URL paths on stdout, data errors as one line with exit code 1", async () => {
    const email = ["--email", "ann@example.com"];
    expect((await runAdmin(["create-user", ...email, "--password", "correct-horse", "--name", "Ann"], getDeps)).exitCode).toBe(0);
    const app = await runAdmin(["create-app", ...email, "--app", "Street"], getDeps);
    const appId = (await deps.db.app.findFirstOrThrow()).id;
    expect(app.stdout).toContain(`Open: /apps/${appId}`);
    expect((await runAdmin(["create-app", ...email, "--app", "Street"], getDeps)).stdout).toContain("already exists; reusing it");

    const dir = path.join(deps.dir, "ds");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
    const imported = await runAdmin(["import-dataset", ...email, "--app", "Street", "--dataset", "roads", "--dir", dir], getDeps);
    expect(imported).toMatchObject({ exitCode: 0, stderr: "" });
    expect(imported.stdout).toContain("version 1");
    expect(imported.stdout).toContain("2 samples");
    expect(imported.stdout).toContain("Classes (3): 0 road, 1 car, 2 sky");
    expect(imported.stdout).toContain("Ignore index: 255");

    const model = await runAdmin(
      ["create-model-version", ...email, "--app", "Street", "--model", "echo", "--predictions", path.join(dir, "masks"), "--like-dataset", "roads", "--training-dataset", "roads"],
      getDeps,
    );
    const modelId = (await deps.db.model.findFirstOrThrow()).id;
    expect(model.exitCode).toBe(0);
    expect(model.stdout).toContain("2 prediction masks");
    expect(model.stdout).toContain("Trained on: roads v1");
    expect(model.stdout).toContain(`Open: /models/${modelId}`);

    const list = await runAdmin(["list", ...email], getDeps);
    expect(list.stdout).toContain("v1  2 samples, 3 classes, ignore 255");

    const missing = await runAdmin(["import-dataset", ...email, "--app", "Street", "--dataset", "roads", "--dir", path.join(deps.dir, "nope")], getDeps);
    expect(missing).toMatchObject({ exitCode: 1, stdout: "" });
    expect(missing.stderr).toBe(`error: ${path.join(deps.dir, "nope")}: the folder does not exist.\n`);
    const stranger = await runAdmin(["list", "--email", "who@example.com"], getDeps);
    expect(stranger).toMatchObject({ exitCode: 1, stderr: "error: No user with the email who@example.com (create one with create-user).\n" });
  });
});

describe("resolveUserPath", () => {
  it("reads relative paths from the folder npm was started in", () => {
    const here = process.cwd();
    expect(resolveUserPath("data/x", here)).toBe("data/x");
    expect(resolveUserPath("x", path.join(here, "sub"))).toBe(path.join("sub", "x"));
    expect(resolveUserPath("/abs/x", "/elsewhere")).toBe("/abs/x");
    expect(resolveUserPath("x", undefined)).toBe("x");
  });
});
