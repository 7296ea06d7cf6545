import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/auth/password";
import { AppError } from "@/lib/core/errors";
import { adminCreateApp } from "./create-app";
import { adminCreateUser } from "./create-user";
import { adminListUser, formatUserTree } from "./list";
import { createAdminTestDeps } from "./test-helpers";

let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
beforeEach(async () => {
  deps = await createAdminTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

describe("create-user", () => {
  it("creates a user who can sign in, name defaulting to the email's local part", async () => {
    const user = await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
    expect(user).toMatchObject({ email: "ann@example.com", name: "ann" });
    const row = await deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("correct-horse", row.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-horse!", row.passwordHash)).toBe(false);
  });

  it("keeps a given name and refuses a taken email with a conflict", async () => {
    await adminCreateUser({ email: "ann@example.com", password: "correct-horse", name: "Ann Lee" }, deps);
    expect((await deps.db.user.findFirstOrThrow()).name).toBe("Ann Lee");
    const error = await adminCreateUser({ email: "ANN@example.com", password: "another-one" }, deps).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("ann@example.com");
    expect(await deps.db.user.count()).toBe(1);
  });
});

describe("create-app", () => {
  it("creates the app once and reuses it on the second run", async () => {
    await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
    const first = await adminCreateApp({ email: "ann@example.com", appName: "Street", description: "road scenes" }, deps);
    const second = await adminCreateApp({ email: "Ann@Example.com", appName: "Street", description: "changed" }, deps);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ id: first.id, created: false });
    const apps = await deps.db.app.findMany();
    expect(apps).toHaveLength(1);
    expect(apps[0].description).toBe("road scenes");
  });

  it("names an unknown email", async () => {
    const error = await adminCreateApp({ email: "nobody@example.com", appName: "Street" }, deps).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("nobody@example.com");
    expect(await deps.db.app.count()).toBe(0);
  });
});

describe("list", () => {
  it("shows only the user's own apps, datasets with versions and models with versions", async () => {
    const ann = await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
    await adminCreateUser({ email: "bob@example.com", password: "correct-horse" }, deps);
    const street = await adminCreateApp({ email: "ann@example.com", appName: "Street" }, deps);
    await adminCreateApp({ email: "ann@example.com", appName: "Empty" }, deps);
    await adminCreateApp({ email: "bob@example.com", appName: "Bob's secret" }, deps);
    const dataset = await deps.db.dataset.create({ data: { appId: street.id, name: "camvid" } });
    const classes = [{ index: 0, name: "road", color: [1, 2, 3] }, { index: 1, name: "car", color: [4, 5, 6] }];
    const v1 = await deps.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes, ignoreIndex: 255, sampleCount: 7 } });
    await deps.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 2, classes, ignoreIndex: null, sampleCount: 9, note: "more" } });
    const model = await deps.db.model.create({ data: { appId: street.id, name: "segnet" } });
    const mv = await deps.db.modelVersion.create({
      data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes, trainingDatasetVersionId: v1.id },
    });
    await deps.db.predictionMask.createMany({ data: ["a", "b", "c"].map((sampleName) => ({ modelVersionId: mv.id, sampleName, maskSha256: "0".repeat(64) })) });

    const tree = await adminListUser({ email: "ann@example.com" }, deps);
    expect(tree.user.email).toBe(ann.email);
    expect(tree.apps.map((a) => a.name)).toEqual(["Empty", "Street"]);
    const s = tree.apps[1];
    expect(s.datasets[0].versions.map((v) => [v.number, v.sampleCount, v.classCount, v.ignoreIndex])).toEqual([
      [2, 9, 2, null],
      [1, 7, 2, 255],
    ]);
    expect(s.models[0].versions[0]).toMatchObject({ number: 1, runnerKind: "predictions", predictionCount: 3, trainedOn: "camvid v1" });

    const text = formatUserTree(tree);
    expect(text).not.toContain("Bob's secret");
    expect(text).toContain(`app "Street"  /apps/${street.id}`);
    expect(text).toContain("v2  9 samples, 2 classes  \"more\"");
    expect(text).toContain("v1  7 samples, 2 classes, ignore 255");
    expect(text).toContain(`segnet  /models/${model.id}`);
    expect(text).toContain("v1  predictions, 3 prediction masks, 2 classes, trained on camvid v1");
    expect(text).toContain(`app "Empty"  /apps/${tree.apps[0].id}\n    datasets: none\n    models: none`);
  });
});
