import { expect, test, type Page } from "@playwright/test";
import { createApp, createModelVersion, createUser, importDatasetVersion, sampleSpecs, setUpWorld, uniqueId } from "./factories";
import { chooseDataset, openModel, runEvaluation } from "./helpers";

/**
 * The leakage warning in the browser: a model version recorded as trained on
 * v1 of a dataset (3 images) is evaluated on the dataset's latest version, v2
 * (the same 3 images and one new one). The results page must name the 3 identical images, not the new
 * one, and give the metrics without them.
 */
const world = setUpWorld("leakage", async () => {
  const id = uniqueId();
  const user = await createUser("leakage");
  const app = await createApp(user, "Leaky");
  const model = `leaky-model-${id}`;
  const dataset = `leaky-val-${id}`;
  const samples = sampleSpecs(`leak-${id}`, 4);
  await importDatasetVersion(user, app, dataset, samples.slice(0, 3), "training images");
  await importDatasetVersion(user, app, dataset, samples, "training images and one more");
  // Another dataset holding only the training images (the same files): every image leaks.
  const copy = `leaky-copy-${id}`;
  await importDatasetVersion(user, app, copy, samples.slice(0, 3), "copies of the training images");
  await createModelVersion(user, app, model, samples, 2, `${dataset}:1`);
  return { user, app, model, dataset, copy };
});

/** Evaluates the model's v1 on `dataset` from its row, and returns the leakage warning, which names 3 training images. */
async function evaluateV1On(page: Page, dataset: string) {
  const w = world();
  await openModel(page, w.app, w.model);
  const picker = page.getByLabel("Evaluation Dataset for v1");
  await chooseDataset(picker, dataset);
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await runEvaluation(page);
  const warning = page.getByRole("alert", { name: "Training data leakage" });
  await expect(warning).toContainText("3 evaluation images also in the model's training set");
  return warning;
}

test("warns that 3 evaluation images are training images and shows the metrics without them", async ({ page }) => {
  const w = world();
  const warning = await evaluateV1On(page, w.dataset);
  await expect(warning).toContainText("(3 identical, 0 near-duplicates)");
  await expect(warning.getByTestId("miou-without-leaked")).toHaveText(/^\d+\.\d%$/);
  await expect(warning).toContainText("Without them (1 image)");
  await warning.getByText(/Show the 3 images/).click();
  await expect(warning.getByRole("listitem")).toHaveCount(3);
  await expect(warning.getByRole("listitem").filter({ hasText: `leak-` }).filter({ hasText: "-4 ↔" })).toHaveCount(0);

  // The model page's leaderboard marks that score as not held out (v2 kept v1's training images) and never ranks it best.
  await openModel(page, w.app, w.model);
  const cell = page.getByRole("table", { name: "Leaderboard" }).getByRole("link", { name: /^v1 on / });
  await expect(cell).toHaveAccessibleName(/\(holds training images\)$/);
  await expect(cell).not.toHaveAccessibleName(/\(best\)/);
});

test("when every evaluated image is a training image, says that nothing is left to score without them", async ({ page }) => {
  const w = world();
  const warning = await evaluateV1On(page, w.copy);
  await expect(warning).toContainText("no image is left to score without them");
  await expect(warning.getByTestId("miou-without-leaked")).toHaveCount(0);
});
