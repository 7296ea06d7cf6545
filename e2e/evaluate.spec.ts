import { expect, test } from "@playwright/test";
import { IMAGE_WIDTH } from "./dataset-files";
import { setUpEvaluationWorld } from "./factories";
import { chooseDataset, openModel, runEvaluation } from "./helpers";

const world = setUpEvaluationWorld("evaluate");

test("evaluates a model version on a dataset of another app and shows mIoU", async ({ page }) => {
  await openModel(page, world().homeApp, world().model);

  await expect(page.getByRole("columnheader", { name: "Evaluation Dataset" })).toBeVisible();
  const picker = page.getByLabel("Evaluation Dataset for v2");
  const row = page.getByRole("row").filter({ has: picker });
  // The dropdown lists this app's datasets first, then the user's other apps; never another user's.
  const groups = await picker.locator("optgroup").evaluateAll((els) => els.map((e) => e.getAttribute("label") ?? ""));
  expect(groups[0]).toContain(world().homeApp);
  expect(groups).toContain(world().otherApp);
  expect(groups.join(" ")).not.toContain(world().strangerApp);
  await expect(picker.locator("option", { hasText: world().strangerDataset })).toHaveCount(0);
  await chooseDataset(picker, world().otherDataset);
  await row.getByRole("button", { name: "Evaluate" }).click();

  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await expect(page.getByText("cross-app evaluation")).toBeVisible();
  await runEvaluation(page);
  await expect(page.getByRole("table", { name: "Per-class results" })).toContainText("traffic sign");
  await expect(page.getByRole("table", { name: "Results by tag" })).toContainText("night");
  // The worst images come with their ground truth, prediction and error map, rendered by the server.
  for (const alt of [/^Image /, /^Ground truth /, /^Prediction /, /^Error map /]) {
    const img = page.getByAltText(alt).first();
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBe(IMAGE_WIDTH);
  }

  // The results survive a reload (they come from the database, not the client).
  const url = page.url();
  await page.reload();
  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/);
  expect(page.url()).toBe(url);
});

test("evaluates with a new dataset chosen in the dialog, with an explicit version", async ({ page }) => {
  await openModel(page, world().homeApp, world().model);
  await page.getByRole("button", { name: "Evaluate with a new Dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Evaluate with a new Dataset" });
  await expect(dialog).toBeVisible();
  await chooseDataset(dialog.getByLabel("Dataset"), world().homeDataset);
  const version = dialog.getByLabel("Version");
  await expect(version.locator("option")).toHaveText(["Latest (v2)", "v2 — 4 samples", "v1 — 3 samples"]);
  await version.selectOption("1");
  await dialog.getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await expect(page.getByRole("heading", { name: `Evaluation results: ${world().model} v2 on ${world().homeDataset} v1` })).toBeVisible();
  await runEvaluation(page);
});
