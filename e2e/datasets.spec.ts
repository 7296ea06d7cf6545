import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "./env";
import { admin, createApp, createModelVersion, createUser, sampleSpecs, setUpWorld, uniqueId, type E2eUser } from "./factories";
import { writeDatasetArchive } from "./dataset-factories";
import { writeClasses, writePredictionsFolder, tempDir } from "./dataset-files";
import { chooseDataset, openModel, runEvaluation } from "./helpers";

/**
 * Datasets from the browser: create a dataset, upload an archive with one
 * undeclared mask value, map it to void in the mapping step, see the
 * report, import, browse the version, then evaluate a model on it from the
 * "Evaluate with a new Dataset" dialog.
 */
const w = setUpWorld(
  "datasets",
  async () => {
    const id = uniqueId();
    const user = await createUser("datasets");
    const app = await createApp(user, "Uploads");
    // A model with a first version on another dataset, so the model page exists before the upload.
    const seedSamples = sampleSpecs(`seed-${id}`, 2);
    await admin(["import-dataset", "--email", user.email, "--app", app, "--dataset", `seed-${id}`, "--archive", writeDatasetArchive(seedSamples, { undeclared: false })]);
    const model = `uploader-${id}`;
    await createModelVersion(user, app, model, seedSamples, 1);
    const world: { user: E2eUser; app: string; model: string; dataset: string; samples: ReturnType<typeof sampleSpecs>; versionUrl?: string } = { user, app, model, dataset: `browser-${id}`, samples: sampleSpecs(`up-${id}`, 4) };
    return world;
  },
  120_000,
);

test.describe.configure({ mode: "serial" });

test("uploads an archive, maps an undeclared value to void, imports and browses the version", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: w().app }).click();
  await page.getByRole("link", { name: "New dataset" }).click();
  await page.getByLabel("Dataset name").fill(w().dataset);
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+\/upload$/);

  // A first try, then "Choose another archive": the staged upload is removed at once, not left to the sweep.
  const staged = page.waitForResponse((r) => r.request().method() === "POST" && /\/uploads$/.test(new URL(r.url()).pathname));
  await page.getByLabel("Archive").setInputFiles(writeDatasetArchive(w().samples));
  await page.getByRole("button", { name: "Upload" }).click();
  const { uploadId } = (await (await staged).json()) as { uploadId: string };
  const report = page.getByRole("region", { name: "Validation report" });
  await expect(report).toContainText("1 problem(s)");
  expect(existsSync(path.join(E2E_DATA_DIR, "uploads", uploadId))).toBe(true);
  await page.getByRole("button", { name: "Choose another archive" }).click();
  await expect(page.getByLabel("Archive")).toBeVisible();
  await expect.poll(() => existsSync(path.join(E2E_DATA_DIR, "uploads", uploadId))).toBe(false);

  await page.getByLabel("Archive").setInputFiles(writeDatasetArchive(w().samples));
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(report).toContainText("1 problem(s)");
  await expect(report).toContainText("undeclared values 9 (16 px)");
  await expect(page.getByRole("button", { name: "Import the 3 valid samples" })).toBeVisible();

  await page.getByLabel("Value 9 maps to").selectOption("void");
  await expect(report).toContainText("No problems: 4 samples are ready to import.");
  await expect(page.getByRole("img", { name: /in class colours/ }).first()).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();

  await expect(page).toHaveURL(/\/datasets\/[^/]+\/versions\/1$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${w().dataset} v1`);
  await expect(page.getByText("4 images")).toBeVisible();
  w().versionUrl = page.url();
  const gallery = page.getByRole("region", { name: "Sample gallery" });
  await expect(gallery.getByRole("figure")).toHaveCount(4);
  await gallery.getByRole("combobox", { name: /^Tag/ }).selectOption("night");
  await expect(gallery.getByRole("figure")).toHaveCount(2);

  await gallery.getByLabel(`Select ${w().samples[1].name}`).check();
  await gallery.getByLabel("Add tags").fill("occluded");
  await gallery.getByRole("button", { name: "Apply to 1 selected" }).click();
  await expect(gallery.getByRole("status")).toContainText("Tags updated on 1 sample (in every version that has them");
});

test("evaluates a model on the uploaded dataset from the dialog", async ({ page }) => {
  test.setTimeout(120_000);
  const predictions = writePredictionsFolder(w().samples, 2);
  const classes = writeClasses(tempDir("classes"));
  await admin(["create-model-version", "--email", w().user.email, "--app", w().app, "--model", w().model, "--predictions", predictions, "--classes", classes, "--for-dataset", w().dataset, "--for-version", "1"]);
  await openModel(page, w().app, w().model);
  await page.getByRole("button", { name: "Evaluate with a new Dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Evaluate with a new Dataset" });
  await chooseDataset(dialog.getByLabel("Dataset"), w().dataset);
  await expect(dialog.getByLabel("Version")).toBeEnabled();
  await dialog.getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await runEvaluation(page);
});

test("makes a new version without the selected samples from the gallery", async ({ page }) => {
  await page.goto(w().versionUrl ?? "/");
  const gallery = page.getByRole("region", { name: "Sample gallery" });
  await gallery.getByLabel(`Select ${w().samples[0].name}`).check();
  await gallery.getByRole("button", { name: "New version without 1 selected sample" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+\/versions\/2$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${w().dataset} v2`);
  await expect(page.getByText("3 images")).toBeVisible();
  await expect(page.getByRole("region", { name: "Sample gallery" }).getByRole("figure")).toHaveCount(3);
});

test("updates the latest version from an archive without classes.json: the version's classes and the replaced sample's tags are kept", async ({ page }) => {
  const datasetPath = new URL(w().versionUrl ?? "http://x/").pathname.replace(/\/versions\/\d+$/, "");
  await page.goto(`${datasetPath}/upload`);
  const replaced = { ...w().samples[1], seed: 99, tags: [] };
  await page.getByLabel("Archive").setInputFiles(writeDatasetArchive([replaced], { undeclared: false, sidecars: false }));
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("region", { name: "Validation report" })).toContainText("No problems: 1 sample is ready to import.");
  const step = page.getByRole("region", { name: "Mapping and validation" });
  await expect(step).toContainText("(from generic)");
  await page.getByRole("checkbox", { name: /^Update the latest version/ }).check();
  // The report is read again as the update sees the upload: the latest version's class names, not placeholders.
  await expect(step).toContainText("(from latest-version)");
  await expect(step.getByRole("combobox", { name: "Value 0 maps to" })).toContainText("traffic sign");
  await expect(page.getByRole("note")).toContainText("the update keeps the latest version's classes");
  await page.getByRole("button", { name: "Import", exact: true }).click();

  await expect(page).toHaveURL(/\/datasets\/[^/]+\/versions\/3$/);
  await expect(page.getByText("3 images")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("traffic sign");
  const gallery = page.getByRole("region", { name: "Sample gallery" });
  await gallery.getByRole("combobox", { name: /^Tag/ }).selectOption("occluded");
  await expect(gallery.getByRole("figure")).toHaveCount(1);
  await expect(gallery.getByRole("figure")).toContainText(w().samples[1].name);
});

test("a new app is made only with a dataset name that can be used, and once", async ({ page }) => {
  const app = `fresh-${uniqueId()}`;
  await page.goto("/datasets/new");
  await page.getByRole("combobox", { name: "App", exact: true }).selectOption("New app…");
  await page.getByLabel("App name").fill(app);
  await page.getByLabel("Dataset name").fill("bell\u0007name");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "control character" })).toBeVisible();
  // Nothing was made: a reload offers no such app.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "App", exact: true }).locator("option", { hasText: app })).toHaveCount(0);

  await page.getByRole("combobox", { name: "App", exact: true }).selectOption("New app…");
  await page.getByLabel("App name").fill(app);
  await page.getByLabel("Dataset name").fill(`first-${app}`);
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+\/upload$/);
  await page.goto("/datasets/new");
  await expect(page.getByRole("combobox", { name: "App", exact: true }).locator("option", { hasText: app })).toHaveCount(1);
});
