import { expect, test } from "@playwright/test";
import { chooseDataset, openModel, runEvaluation, signIn } from "./helpers";

/** The one test that uses the seeded demo workspace (README's `npm run demo`): everything else builds its own world. */
const DEMO = { email: "demo@intersect.local", password: "intersect-demo" };

test("demo workspace: the demo user evaluates street-segmenter on the fleet dataset", async ({ page }) => {
  await signIn(page, DEMO);
  await expect(page.getByRole("link", { name: /Street scenes/ })).toBeVisible();
  await expect(page.getByText("Warehouse robots")).toHaveCount(0);
  await openModel(page, "Street scenes", "street-segmenter");
  const picker = page.getByLabel("Evaluation Dataset for v3");
  await chooseDataset(picker, "dashcam-2026-q3");
  await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
  await expect(page).toHaveURL(/\/evaluations\/[^/]+$/);
  await expect(page.getByText("cross-app evaluation")).toBeVisible();
  await runEvaluation(page);
  await expect(page.getByRole("table", { name: "Per-class results" })).toContainText("traffic sign");
});
