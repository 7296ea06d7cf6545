import { expect, test } from "@playwright/test";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { E2E_CLASSES, tempDir } from "./dataset-files";
import { createModelVersion, sampleSpecs, uniqueId, setUpEvaluationWorld } from "./factories";
import { chooseDataset, openModel, runEvaluation } from "./helpers";
import { writeColourOnnxModel } from "./model-factories";

const world = setUpEvaluationWorld("models");

/** The class list of version `number` of the model whose page is open, as the REST API returns it (the browser's session). */
async function storedClasses(page: Page, number: number) {
  const modelId = new URL(page.url()).pathname.split("/").at(-1)!;
  const res = await page.request.get(`/api/v1/models/${modelId}/versions`);
  expect(res.status()).toBe(200);
  const { versions } = (await res.json()) as { versions: { number: number; classes: { name: string; color: number[] }[] }[] };
  return versions.find((v) => v.number === number)?.classes.map((c) => ({ name: c.name, color: c.color }));
}

const expectedClasses = E2E_CLASSES.map((c) => ({ name: c.name, color: [...c.color] }));

test("uploads an ONNX model version in the browser and evaluates it on a dataset of another app", async ({ page }) => {
  await openModel(page, world().homeApp, world().model);
  await page.getByRole("link", { name: "New version" }).click();
  await expect(page.getByRole("heading", { name: /New version of/ })).toBeVisible();

  await page.getByLabel("ONNX file (run here)").check();
  await page.getByLabel("Model file (.onnx)").setInputFiles(writeColourOnnxModel(E2E_CLASSES.map((c) => c.color)));
  await page.getByLabel("Mean").fill("0, 0, 0");
  await page.getByLabel("Std").fill("1, 1, 1");
  await page.getByLabel("Std").blur();
  await page.getByLabel("Copy classes from dataset").selectOption({ label: await page.getByLabel("Copy classes from dataset").locator("option", { hasText: world().otherDataset }).innerText() });
  await expect(page.getByText(`${E2E_CLASSES.length} classes`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create version" }).click();

  await expect(page).toHaveURL(/\/models\/[^/]+$/);
  const picker = page.getByLabel("Evaluation Dataset for v3");
  const row = page.getByRole("row").filter({ has: picker });
  await expect(row).toContainText("onnx · colour-model.onnx");
  // Copying a dataset version's classes keeps their colours.
  expect(await storedClasses(page, 3)).toEqual(expectedClasses);
  // An onnx version shows each dataset's class overlap.
  await expect(picker.locator("option", { hasText: world().otherDataset })).toContainText(`${E2E_CLASSES.length} of ${E2E_CLASSES.length} classes`);
  await chooseDataset(picker, world().otherDataset);
  await row.getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await runEvaluation(page);
  await expect(page.getByRole("table", { name: "Per-class results" })).toContainText("traffic sign");
});

test("a predictions version offers only the datasets it has predictions for", async ({ page }) => {
  const model = `fleet-only-${uniqueId()}`;
  // Predictions for the fleet dataset's samples only (same names as the world's fleet dataset).
  const fleetNames = world().otherDataset.replace(/^fleet-/, "");
  await createModelVersion(world().user, world().homeApp, model, sampleSpecs(`fleet-${fleetNames}`, 3), 1);
  await openModel(page, world().homeApp, model);
  const picker = page.getByLabel("Evaluation Dataset for v1");
  const home = picker.locator("option", { hasText: world().homeDataset });
  await expect(home).toBeDisabled();
  await expect(home).toContainText("no predictions uploaded for this dataset");
  await expect(picker.locator("optgroup[label^='Cannot be evaluated']")).toHaveAttribute("label", /no predictions uploaded for this dataset/);
  await expect(picker.locator("option", { hasText: world().otherDataset })).toBeEnabled();
});

test("a fixed-size ONNX model fills in the input size, a refusal shows once, and an older dataset version is recorded as trained on", async ({ page }) => {
  const { homeApp, model, homeDataset } = world();
  await openModel(page, homeApp, model);
  await page.getByRole("link", { name: "New version" }).click();
  await page.getByLabel("ONNX file (run here)").check();
  // Without classes the form says why and marks the class list (the button is aria-disabled, so still clickable).
  await page.getByRole("button", { name: "Create version" }).click({ force: true });
  const classList = page.getByLabel("Classes (one per line, in output order)");
  await expect(classList).toHaveAttribute("aria-invalid", "true");
  await expect(classList).toHaveAccessibleDescription(/Give the version its classes first/);
  // A CVAT labelmap.txt as the class file: names and colours.
  const labelmap = path.join(tempDir("labelmap"), "labelmap.txt");
  writeFileSync(labelmap, ["# label:color_rgb:parts:actions", ...E2E_CLASSES.map((c) => `${c.name}:${c.color.join(",")}::`)].join("\n"));
  await page.getByLabel("Classes from a file").setInputFiles(labelmap);
  await expect(page.getByText(`${E2E_CLASSES.length} classes`, { exact: true })).toBeVisible();
  await expect(classList).not.toHaveAttribute("aria-invalid");
  await expect(page.getByLabel("Classes (one per line, in output order)")).toHaveValue(E2E_CLASSES.map((c) => c.name).join("\n"));
  await expect(page.getByLabel("Mean")).toHaveAccessibleDescription(/ImageNet default/);

  const inspections: string[] = [];
  page.on("request", (r) => void (r.url().includes("/inspect-onnx") && inspections.push(r.method())));
  await page.getByLabel("Model file (.onnx)").setInputFiles(writeColourOnnxModel(E2E_CLASSES.map((c) => c.color), "fixed-model.onnx", [6, 8]));
  const size = page.getByLabel(/^Input size/);
  await expect(size).toHaveValue("6x8");
  await expect(page.getByText("The preprocessing fits this model.")).toBeVisible();

  // A size the user types is theirs; the server's refusal is shown once (the alert), not again under the file.
  await size.fill("4x4");
  const refusal = page.getByText(/takes 6 x 8 \(height x width\) but the config's size is \[4, 4\]/);
  await expect(refusal).toHaveCount(1);
  // The fit is checked in the browser from the signature read once: the file is not uploaded again per edit.
  expect(inspections).toEqual(["POST"]);
  await page.getByRole("button", { name: "Create version" }).click();
  // (Next's route announcer is a role=alert too: pick the form's by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "the config's size is [4, 4]" })).toBeVisible();
  await expect(refusal).toHaveCount(1);
  // The field the server named is marked and described by the refusal, until the preprocessing is edited.
  const modelFile = page.getByLabel("Model file (.onnx)");
  await expect(modelFile).toHaveAttribute("aria-invalid", "true");
  await expect(modelFile).toHaveAccessibleDescription(/the config's size is \[4, 4\]/);

  await size.fill("6x8");
  await expect(modelFile).not.toHaveAttribute("aria-invalid");
  const trained = page.getByLabel("Trained on");
  await trained.selectOption({ label: `${homeDataset} v1 (3 samples)` });
  await expect(trained.locator("option", { hasText: `${homeDataset} v2 (4 samples) — latest` })).toHaveCount(1);
  await page.getByRole("button", { name: "Create version" }).click();
  await expect(page).toHaveURL(/\/models\/[^/]+$/);
  await expect(page.getByRole("cell", { name: `${homeDataset} v1`, exact: true })).toBeVisible();
  const versions = await page.request.get(`/api/v1/models/${new URL(page.url()).pathname.split("/").at(-1)}/versions`);
  const newest = Math.max(...((await versions.json()) as { versions: { number: number }[] }).versions.map((v) => v.number));
  expect(await storedClasses(page, newest)).toEqual(expectedClasses);
});

test("Test on one image: finds a sample by part of its name and shows the prediction beside the ground truth", async ({ page }) => {
  const { homeApp, model, homeDataset } = world();
  await openModel(page, homeApp, model);
  await page.getByLabel("Model version to test").selectOption({ label: "v1" });
  await chooseDataset(page.getByLabel("Dataset to test on"), homeDataset);
  const samples = page.getByLabel("Sample to test on");
  await expect(samples.locator("option")).toHaveCount(5); // "Choose a sample…" and the latest version's 4
  await page.getByLabel("Find a sample by name").fill("-4");
  await expect(samples.locator("option")).toHaveCount(2);
  const only = samples.locator("option").nth(1);
  await expect(only).toHaveText(/^roads-.+-4 \(48x32\)$/);
  await samples.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Run" }).click();
  const result = page.getByLabel("Test result");
  await expect(result).toContainText(/roads-.+-4 \(48x32\): \d+\.\d% of pixels agree/);
  for (const panel of ["Image", "Ground truth", "Prediction"]) await expect(result.getByRole("img", { name: new RegExp(`^${panel} of roads-.+-4$`) })).toBeVisible();
  await page.getByLabel("Find a sample by name").fill("no-such-sample");
  await expect(page.getByText("No sample name contains “no-such-sample”.")).toBeVisible();
});

test("a predictions version made for an older dataset version says so in its row, and Test on one image runs it on that version", async ({ page }) => {
  const model = `older-${uniqueId()}`;
  const id = world().homeDataset.replace(/^roads-val-/, "");
  // Predictions for the 3 samples of the home dataset's v1 only (v2 added a fourth).
  await createModelVersion(world().user, world().homeApp, model, sampleSpecs(`roads-${id}`, 3), 1);
  await openModel(page, world().homeApp, model);
  const home = page.getByLabel("Evaluation Dataset for v1").locator("option", { hasText: world().homeDataset });
  await expect(home).toBeDisabled();
  await expect(home).toContainText("predictions for v1 only");
  await expect(page.getByRole("row").filter({ has: page.getByLabel("Evaluation Dataset for v1") })).toContainText(`for ${world().homeDataset} v1`);
  await chooseDataset(page.getByLabel("Dataset to test on"), world().homeDataset);
  const samples = page.getByLabel("Sample to test on");
  await expect(samples.locator("option")).toHaveCount(4); // "Choose a sample…" and v1's 3
  await samples.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByLabel("Test result").getByRole("img", { name: /^Prediction of roads-/ })).toBeVisible();
});

test("a class-mapping change is saved at once and is what Evaluate runs", async ({ page }) => {
  await openModel(page, world().homeApp, world().model);
  const picker = page.getByLabel("Evaluation Dataset for v2");
  await chooseDataset(picker, world().otherDataset);
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  const panel = page.getByRole("region", { name: "Class mapping" });
  await panel.getByText(/^Edit the class mapping/).click();
  await panel.getByLabel("Dataset class for car").selectOption({ label: "not evaluated" });
  await expect(panel.getByRole("status")).toHaveText("Class mapping saved.");
  // Evaluating nothing is refused, and the editor goes back to the saved mapping.
  for (const name of ["background", "road", "traffic sign"]) await panel.getByLabel(`Dataset class for ${name}`).selectOption({ label: "not evaluated" });
  await expect(panel.getByRole("alert")).toContainText("The mapping was left as it was.");
  await expect(panel.getByLabel("Dataset class for traffic sign")).toHaveValue("3");
  await runEvaluation(page);
  const after = page.getByRole("region", { name: "Class mapping" });
  await expect(after).toContainText("Model classes not evaluated (counted as wrong where predicted): background, road, car");
  await expect(after.getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Per-class results" })).toContainText("traffic sign");
});
