import { expect, test } from "@playwright/test";
import { setUpEvaluationWorld } from "./factories";
import { chooseDataset, openModel, signIn } from "./helpers";

const world = setUpEvaluationWorld("isolation");

test("another user gets 404 for an evaluation, its API and the sample images", async ({ page, browser }) => {
  await openModel(page, world().homeApp, world().model);
  const picker = page.getByLabel("Evaluation Dataset for v1");
  await chooseDataset(picker, world().homeDataset);
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  const evaluationPath = new URL(page.url()).pathname;

  // A sample image of the owner, streamed by the owner-checked blob route.
  await page.goto("/");
  await page.getByRole("link", { name: world().homeApp }).click();
  await page.getByRole("link", { name: world().homeDataset }).click();
  const imageSrc = await page.getByAltText(/^Image /).first().getAttribute("src");
  expect(imageSrc).toMatch(/^\/api\/v1\/samples\/[^/]+\/image$/);
  const own = await page.request.get(imageSrc!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("image/png");

  const strangerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const stranger = await strangerContext.newPage();
  await signIn(stranger, world().stranger);
  expect((await stranger.goto(evaluationPath))?.status()).toBe(404);
  expect((await stranger.request.get(`/api/v1${evaluationPath}`)).status()).toBe(404);
  expect((await stranger.request.get(imageSrc!)).status()).toBe(404);
  expect((await stranger.request.get(imageSrc!.replace(/image$/, "mask"))).status()).toBe(404);
  await stranger.goto("/");
  await expect(stranger.getByText(world().strangerApp)).toBeVisible();
  await expect(stranger.getByText(world().homeApp)).toHaveCount(0);
  await strangerContext.close();
});
