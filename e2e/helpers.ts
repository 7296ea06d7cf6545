import { expect, type Page } from "@playwright/test";

export const DEMO = { email: "demo@intersect.local", password: "intersect-demo" };
export const OTHER = { email: "other@intersect.local", password: "intersect-other" };

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
  await page.getByRole("link", { name: new RegExp(appName) }).click();
  await page.getByRole("link", { name: modelName }).click();
  await expect(page.getByRole("heading", { name: modelName, level: 1 })).toBeVisible();
}
