import { expect, test } from "@playwright/test";
import { DEMO, OTHER, openModel, signIn } from "./helpers";

test("evaluates a model version on a dataset of another app and shows mIoU", async ({ page }) => {
  await signIn(page, DEMO);
  await openModel(page, "Street scenes", "street-segmenter");

  await expect(page.getByRole("columnheader", { name: "Evaluation Dataset" })).toBeVisible();
  const picker = page.getByLabel("Evaluation Dataset for v3");
  const row = page.getByRole("row").filter({ has: picker });
  // The dropdown lists this app's datasets first, then the other apps' ones.
  const groups = await picker.locator("optgroup").evaluateAll((els) => els.map((e) => e.getAttribute("label")));
  expect(groups[0]).toContain("Street scenes");
  expect(groups).toContain("Fleet cameras");
  expect(groups.join(" ")).not.toContain("Warehouse");
  await picker.selectOption({ label: await picker.locator("option", { hasText: "dashcam-2026-q3" }).innerText() });
  await row.getByRole("button", { name: "Evaluate" }).click();

  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /Evaluation results/ })).toBeVisible();
  await expect(page.getByText("cross-app evaluation")).toBeVisible();
  await page.getByRole("button", { name: "Evaluate" }).click();

  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/, { timeout: 60_000 });
  await expect(page.getByRole("table", { name: "Per-class results" })).toContainText("traffic sign");
  await expect(page.getByRole("table", { name: "Results by tag" })).toContainText("night");
  // The worst images come with their ground truth, prediction and error map, rendered by the server.
  for (const alt of [/^Image /, /^Ground truth /, /^Prediction /, /^Error map /]) {
    const img = page.getByAltText(alt).first();
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBe(384);
  }

  // The results survive a reload (they come from the database, not the client).
  const url = page.url();
  await page.reload();
  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/);
  expect(page.url()).toBe(url);
});

test("evaluates with a new dataset chosen in the dialog, with an explicit version", async ({ page }) => {
  await signIn(page, DEMO);
  await openModel(page, "Street scenes", "street-segmenter");
  await page.getByRole("button", { name: "Evaluate with a new Dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Evaluate with a new Dataset" });
  await expect(dialog).toBeVisible();
  const dataset = dialog.getByLabel("Dataset");
  await dataset.selectOption({ label: await dataset.locator("option", { hasText: "city-val" }).innerText() });
  const version = dialog.getByLabel("Version");
  await expect(version.locator("option")).toHaveText(["Latest (v2)", "v2 — 48 samples", "v1 — 40 samples"]);
  await version.selectOption("1");
  await dialog.getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /Evaluation results: street-segmenter v3 on city-val v1/ })).toBeVisible();
  await page.getByRole("button", { name: "Evaluate" }).click();
  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/, { timeout: 60_000 });
});

test("another user gets 404 for the demo user's evaluation", async ({ page, browser }) => {
  await signIn(page, DEMO);
  await openModel(page, "Street scenes", "street-segmenter");
  const picker = page.getByLabel("Evaluation Dataset for v1");
  const row = page.getByRole("row").filter({ has: picker });
  await picker.selectOption({ label: await picker.locator("option", { hasText: "city-val" }).innerText() });
  await row.getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  const evaluationPath = new URL(page.url()).pathname;

  // A sample image of the demo user, streamed by the owner-checked blob route.
  await page.goto("/");
  await page.getByRole("link", { name: /Street scenes/ }).click();
  await page.getByRole("link", { name: "city-val" }).click();
  const imageSrc = await page.getByAltText(/^Image /).first().getAttribute("src");
  expect(imageSrc).toMatch(/^\/api\/v1\/samples\/[^/]+\/image$/);
  const own = await page.request.get(imageSrc!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("image/png");

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, OTHER);
  const response = await other.goto(evaluationPath);
  expect(response?.status()).toBe(404);
  const api = await other.request.get(`/api/v1${evaluationPath}`);
  expect(api.status()).toBe(404);
  expect((await other.request.get(imageSrc!)).status()).toBe(404);
  expect((await other.request.get(`${imageSrc!.replace(/image$/, "mask")}`)).status()).toBe(404);
  await other.goto("/");
  await expect(other.getByText("Warehouse robots")).toBeVisible();
  await expect(other.getByText("Street scenes")).toHaveCount(0);
  await otherContext.close();
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
});
