import { expect, test } from "@playwright/test";
import { createUser, type E2eUser } from "./factories";

let user: E2eUser;

test.beforeAll(async () => {
  user = await createUser("sign-in");
});

test("signed-out visitors are sent to the sign-in page, and a wrong password is refused", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
  // A factory-made user starts with an empty workspace: none of the demo data.
  await expect(page.getByText("Street scenes")).toHaveCount(0);
});
