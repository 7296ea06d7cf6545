import { expect, test, type Page } from "@playwright/test";
import { createApp, createModelVersion, createUser, importDatasetVersion, sampleSpecs, setUpWorld, uniqueId } from "./factories";
import { chooseDataset, openModel, runEvaluation } from "./helpers";

/**
 * The results page's tools on a world of its own: one dataset of 30 images
 * (every second one tagged "night", so a tag filter leaves 15 = two pages of
 * 12) and a model with two versions that miss by different amounts.
 */
const w = setUpWorld("results", async () => {
  const id = uniqueId();
  const user = await createUser("results");
  const app = await createApp(user, "Results");
  const model = `results-model-${id}`;
  const dataset = `results-val-${id}`;
  const samples = sampleSpecs(`res-${id}`, 30);
  await importDatasetVersion(user, app, dataset, samples);
  await createModelVersion(user, app, model, samples, 3);
  await createModelVersion(user, app, model, samples, 1);
  return { user, app, model, dataset };
});
let resultsUrl = "";

test.describe.configure({ mode: "serial" });

async function evaluateVersion(page: Page, version: number): Promise<string> {
  await openModel(page, w().app, w().model);
  const picker = page.getByLabel(`Evaluation Dataset for v${version}`);
  await chooseDataset(picker, w().dataset);
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await runEvaluation(page);
  return page.url();
}

test("evaluates two versions; evaluating the same pair again offers the existing evaluation", async ({ page }) => {
  await evaluateVersion(page, 1);
  resultsUrl = await evaluateVersion(page, 2);
  await openModel(page, w().app, w().model);
  const picker = page.getByLabel("Evaluation Dataset for v2");
  await chooseDataset(picker, w().dataset);
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await page.getByRole("button", { name: "Open existing evaluation" }).click();
  await expect(page).toHaveURL(resultsUrl);
  // The leaderboard links both versions on the dataset.
  await openModel(page, w().app, w().model);
  await expect(page.getByRole("table", { name: "Leaderboard" }).getByRole("link")).toHaveCount(2);
});

test("confusion matrix: switch to counts, click a cell, open the images with that confusion, show more of them", async ({ page }) => {
  await page.goto(resultsUrl);
  const matrix = page.getByRole("region", { name: "Confusion matrix" });
  await expect(matrix.getByRole("columnheader", { name: "outside class list" })).toBeVisible();
  await matrix.getByRole("radio", { name: "Pixel counts" }).check();
  const cell = matrix.getByRole("button", { name: /^ground truth traffic sign → predicted background: [\d,]+ px/ });
  await cell.hover();
  await expect(matrix.getByText(/ground truth traffic sign → predicted background: [\d,]+ px \(\d+\.\d\d% of the row\)/).first()).toBeVisible();
  await cell.click();
  const found = page.getByRole("region", { name: "Images with this confusion" });
  await expect(found.getByRole("heading", { name: "Where traffic sign is predicted as background" })).toBeVisible();
  // Every one of the 30 images drops half its sign: the list says so and shows 12 at a time.
  await expect(found.getByTestId("confusion-images-count")).toHaveText(/^Showing 12 of 30 images/);
  await expect(found.getByRole("button", { name: /^Open res-/ })).toHaveCount(12);
  const first = found.getByRole("button", { name: /^Open res-/ }).first();
  await first.click();
  const viewer = page.getByRole("dialog");
  await expect(viewer.getByRole("heading", { level: 2 })).toHaveText(/^res-/);
  await expect(viewer.getByTestId("viewer-counter")).toHaveText("1 of the 12 shown (30 in all)");
  await expect(viewer.getByAltText(/^Error map /)).toBeVisible();
  await viewer.getByRole("button", { name: "Close" }).click();
  await expect(viewer).toBeHidden();
  const more = found.getByRole("button", { name: /^Show more images where traffic sign is predicted as background/ });
  await more.click();
  await expect(found.getByTestId("confusion-images-count")).toHaveText(/^Showing 24 of 30 images/);
  await more.click();
  await expect(found.getByRole("button", { name: /^Open res-/ })).toHaveCount(30);
  await expect(more).toBeHidden();
});

test("IoU threshold: the number and the slider recompute the share correct", async ({ page }) => {
  await page.goto(resultsUrl);
  const panel = page.getByRole("region", { name: "IoU threshold" });
  const share = panel.getByTestId("threshold-share");
  await expect(share).toContainText("have IoU ≥ 0.5");
  const at05 = await share.innerText();
  await panel.getByLabel("IoU threshold value").fill("0.95");
  await panel.getByLabel("IoU threshold value").blur();
  await expect(share).toContainText("have IoU ≥ 0.95");
  expect(await share.innerText()).not.toBe(at05);
  // The range covers every threshold an evaluation may have (0..1), not only 0.05..0.95.
  await panel.getByLabel("IoU threshold value").fill("0.99");
  await panel.getByLabel("IoU threshold value").blur();
  await expect(share).toContainText("have IoU ≥ 0.99");
  await expect(panel.getByLabel("IoU threshold slider")).toHaveValue("0.99");
  await panel.getByLabel("IoU threshold value").fill("0.95");
  await panel.getByLabel("IoU threshold value").blur();
  await expect(share).toContainText("have IoU ≥ 0.95");
  await panel.getByLabel("IoU threshold slider").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(panel.getByLabel("IoU threshold value")).toHaveValue("0.94");
  await expect(share).toContainText("have IoU ≥ 0.94");
});

test("per-image browser: filter by tag, page through, open the viewer and step with the keyboard across pages", async ({ page }) => {
  await page.goto(resultsUrl);
  const browser = page.getByRole("region", { name: "Per-image results" });
  await expect(browser.getByText("30 images")).toBeVisible();
  await browser.getByLabel("Tag").selectOption("night");
  await expect(browser.getByText("15 images")).toBeVisible();
  await expect(browser.getByText("Page 1 of 2")).toBeVisible();
  await expect(browser.getByRole("button", { name: /^Open res-/ })).toHaveCount(12);
  await browser.getByRole("button", { name: "Next page" }).click();
  await expect(browser.getByText("Page 2 of 2")).toBeVisible();
  await expect(browser.getByRole("button", { name: /^Open res-/ })).toHaveCount(3);
  await expect(browser.locator("figcaption .badge", { hasText: "night" })).toHaveCount(3);
  await browser.getByRole("button", { name: /^Open res-/ }).first().click();
  const viewer = page.getByRole("dialog");
  const title = viewer.getByRole("heading", { level: 2 });
  const counter = viewer.getByTestId("viewer-counter");
  const firstName = await title.innerText();
  await expect(counter).toHaveText("13 of 15");
  // Focus starts on "Next" (not on an overlay radio), so → goes to the next image at once.
  await expect(viewer.getByRole("button", { name: "Next →" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText("14 of 15");
  await expect(title).not.toHaveText(firstName);
  // A focused overlay radio does not take ←/→: they move images, the overlay stays.
  const errorMap = viewer.getByRole("radio", { name: "Error map" });
  await errorMap.check();
  await expect(errorMap).toBeFocused();
  await expect(viewer.getByAltText(/^Error map overlay /)).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(counter).toHaveText("13 of 15");
  await expect(title).toHaveText(firstName);
  await expect(errorMap).toBeChecked();
  // Tab and Space still choose the overlay.
  await page.keyboard.press("Tab");
  await expect(viewer.getByRole("radio", { name: "Image only" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(viewer.getByRole("radio", { name: "Image only" })).toBeChecked();
  await expect(viewer.getByAltText(/ overlay /)).toHaveCount(0);
  // Nor does the opacity slider; ← from the first image of page 2 goes to the last of page 1.
  const opacity = viewer.getByLabel("Overlay opacity");
  await opacity.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(counter).toHaveText("12 of 15");
  await expect(opacity).toHaveValue("0.6");
  await expect(browser.getByText("Page 1 of 2")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText("13 of 15");
  await expect(title).toHaveText(firstName);
  await expect(browser.getByText("Page 2 of 2")).toBeVisible();
  // The last image wraps to the first of the whole list.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText("15 of 15");
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText("1 of 15");
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(browser.getByText("Page 1 of 2")).toBeVisible();
});

test("scores switch to 0–1, the comparison is class by class, and an evaluation can be renamed", async ({ page }) => {
  await page.goto(resultsUrl);
  await page.getByRole("radio", { name: "0–1 score" }).check();
  await expect(page.getByTestId("miou")).toHaveText(/^0\.\d{3}$/);
  await page.reload();
  await expect(page.getByTestId("miou")).toHaveText(/^0\.\d{3}$/);
  // Every score on the page follows the switch: chart labels, the tag table and the comparison table too.
  await expect(page.getByRole("region", { name: "Per-class chart" })).toContainText(/ · 0\.\d{3}/);
  await expect(page.getByRole("region", { name: "Per-class chart" })).not.toContainText(/ · \d+\.\d%/);
  await expect(page.getByRole("table", { name: "Results by tag" })).toContainText(/0\.\d{3}/);
  await expect(page.getByRole("table", { name: "Results by tag" })).not.toContainText("%");
  const theirs = page.getByRole("table", { name: "Comparison with other versions" }).getByRole("row").nth(1).getByRole("cell");
  await expect(theirs.nth(1)).toHaveText(/^0\.\d{3}$/);
  await expect(theirs.nth(2)).toHaveText(/^[+−±]0\.\d{3}$/);
  await page.getByRole("radio", { name: "Percent" }).check();
  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/);
  const deltas = page.getByRole("table", { name: "Per-class differences" });
  await expect(deltas.getByRole("row")).toHaveCount(5);
  await deltas.getByRole("button", { name: /Difference/ }).click();
  await expect(deltas.getByRole("columnheader", { name: /Difference/ })).toHaveAttribute("aria-sort", "descending");

  // The per-class table sorts by any column: IoU ascending puts the worst class first.
  const classTable = page.getByRole("table", { name: "Per-class results" });
  const iouOf = async (row: number) => Number((await classTable.getByRole("row").nth(row).getByRole("cell").nth(0).innerText()).replace("%", ""));
  await classTable.getByRole("button", { name: "IoU", exact: true }).click();
  await expect(classTable.getByRole("columnheader", { name: "IoU", exact: true })).toHaveAttribute("aria-sort", "ascending");
  const shownIous = async () => {
    const values = [];
    for (let r = 1; r < (await classTable.getByRole("row").count()); r++) values.push(await iouOf(r));
    return values.filter((x) => !Number.isNaN(x)); // "—" (n/a) rows come last
  };
  const ascending = await shownIous();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await classTable.getByRole("button", { name: "IoU", exact: true }).click();
  await expect(classTable.getByRole("columnheader", { name: "IoU", exact: true })).toHaveAttribute("aria-sort", "descending");
  expect(await shownIous()).toEqual([...ascending].reverse());
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Name").fill("after the augmentation fix");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("“after the augmentation fix”")).toBeVisible();
});
