import { expect, type Page } from "@playwright/test";

/** Signs in through the real sign-in page and waits for the apps list. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
}

/** Opens a model's page from the apps list. */
export async function openModel(page: Page, appName: string, modelName: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: appName }).click();
  await page.getByRole("link", { name: modelName }).click();
  await expect(page.getByRole("heading", { name: modelName, level: 1 })).toBeVisible();
}

/** Chooses the option of a dataset select whose text contains `datasetName` (options read "name (vN, …)" or similar). */
export async function chooseDataset(select: ReturnType<Page["getByLabel"]>, datasetName: string): Promise<void> {
  await select.selectOption({ label: await select.locator("option", { hasText: datasetName }).innerText() });
}

/** Starts the evaluation from its results page and waits for the mIoU of the finished run. */
export async function runEvaluation(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: /Evaluation results/ })).toBeVisible();
  await page.getByRole("button", { name: "Evaluate" }).click();
  await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/, { timeout: 60_000 });
}
