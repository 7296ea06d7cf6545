/**
 * Security behaviour of the running app (issue 9 "Security", issue 12's
 * sign-in redirect): redirects after sign-in, throttling, the session
 * cookie's attributes, cross-site requests, the action body limit and the
 * response headers. Each test uses its own users (e2e/factories.ts).
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./env";
import { admin, createApp, createUser, type E2eUser } from "./factories";

const FOREIGN = "https://evil.example";

/** Submits the sign-in form and waits for the server action's answer. */
async function fillSignIn(page: Page, user: E2eUser, password = user.password): Promise<void> {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((res) => res.request().method() === "POST" && "next-action" in res.request().headers());
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

/** The sign-in form's error message (Next's route announcer is an empty alert too). */
const formAlert = (page: Page) => page.locator("form [role=alert]");

/** Rows of the persisted sign-in throttle (read-only look at the e2e database). */
function throttleKeys(): string[] {
  const db = new Database(path.join(E2E_DATA_DIR, "intersect.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT key FROM SignInThrottle").all() as { key: string }[]).map((row) => row.key);
  } finally {
    db.close();
  }
}

test.describe("redirects around sign-in", () => {
  test("a signed-out visit to an app page goes to /sign-in?next=<that page> and lands there after signing in", async ({ page, context }) => {
    const user = await createUser("next-path");
    const app = await createApp(user, "Deep link");
    await page.goto("/sign-in");
    await fillSignIn(page, user);
    await page.getByRole("link", { name: app }).click();
    await expect(page.getByRole("heading", { name: app })).toBeVisible();
    const appPath = new URL(page.url()).pathname;
    expect(appPath).toMatch(/^\/apps\/[^/]+$/);

    await context.clearCookies();
    await page.goto(`${appPath}?tab=datasets`);
    await expect(page).toHaveURL(`${E2E_BASE_URL}/sign-in?next=${encodeURIComponent(`${appPath}?tab=datasets`)}`);
    await fillSignIn(page, user);
    await expect(page).toHaveURL(`${E2E_BASE_URL}${appPath}?tab=datasets`);
    await expect(page.getByRole("heading", { name: app })).toBeVisible();
  });

  for (const next of ["/%5Cevil.example/x", "/%09/evil.example", "//evil.example", "https://evil.example/x", "/.//evil.example/phish", "/x/..//evil.example"]) {
    test(`sign-in with next=${next} lands on the apps list, not another site`, async ({ page }) => {
      const user = await createUser("open-redirect");
      await page.goto(`/sign-in?next=${next}`);
      await fillSignIn(page, user);
      await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
      expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    });
  }
});

test.describe("sign-in throttling", () => {
  test("five wrong passwords lock the account for a few seconds; the right password works after the lock", async ({ page }) => {
    const user = await createUser("throttled");
    await page.goto("/sign-in");
    for (let i = 0; i < 5; i += 1) {
      await fillSignIn(page, user, `wrong-${i}`);
      await expect(formAlert(page)).toHaveText("Wrong email or password.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await fillSignIn(page, user);
    const alert = formAlert(page);
    await expect(alert).toHaveText(/^Too many attempts\. Try again in [12] s\.$/);
    const seconds = Number(/in (\d+) s/.exec((await alert.textContent()) ?? "")?.[1]);
    // The server named the wait: honour it once (retrying sooner would only be refused again).
    await page.waitForTimeout(seconds * 1000 + 300);
    await fillSignIn(page, user);
    await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
    expect(throttleKeys()).not.toContain(`account:${user.email}`);
  });

  test("a spoofed X-Forwarded-For does not change the client address the throttle counts", async ({ browser }) => {
    const user = await createUser("spoofed-for");
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.99" } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await fillSignIn(page, user, "wrong-password");
    await expect(formAlert(page)).toHaveText("Wrong email or password.");
    await context.close();
    const keys = throttleKeys();
    expect(keys).toContain(`account:${user.email}`);
    expect(keys).toContain("address:127.0.0.1");
    expect(keys.filter((key) => key.includes("203.0.113.99"))).toEqual([]);
  });
});

test("the session cookie is HttpOnly, SameSite=Lax, Path=/ and not made Secure by X-Forwarded-Proto", async ({ browser }) => {
  const user = await createUser("cookie");
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { "X-Forwarded-Proto": "https" } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  const actionResponse = page.waitForResponse((res) => res.request().method() === "POST" && "next-action" in res.request().headers());
  await page.getByRole("button", { name: "Sign in" }).click();
  const setCookie = (await (await actionResponse).headerValue("set-cookie")) ?? "";
  expect(setCookie).toMatch(/^intersect_session=/);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
  expect(setCookie).toMatch(/;\s*Path=\//i);
  // PUBLIC_URL is not set on the e2e server (http://localhost:PORT): never Secure, whatever the headers say.
  expect(setCookie).not.toMatch(/;\s*Secure/i);
  await context.close();
});

test.describe("cross-site requests and limits", () => {
  test("a server action from a foreign Origin is refused with 403, also with a spoofed X-Forwarded-Host, never 500", async ({ page }) => {
    const user = await createUser("csrf");
    await page.goto("/sign-in");
    await fillSignIn(page, user);
    await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
    const action = { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" };
    const extras: Record<string, string>[] = [{}, { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }];
    for (const extra of extras) {
      const res = await page.request.post("/", { headers: { ...action, ...extra, Origin: FOREIGN }, data: "[]" });
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain("another site");
    }
    const api = await page.request.post("/api/v1/evaluations/anything/start", { headers: { Origin: FOREIGN, "X-Forwarded-Host": "evil.example" }, data: {} });
    expect(api.status()).toBe(403);
    expect(await api.json()).toEqual({ error: { code: "cross_origin", message: expect.any(String) } });
    // A cookie-carrying POST with neither Origin nor Referer is refused too.
    const bare = await page.request.fetch("/", { method: "POST", headers: { ...action, Referer: "" }, data: "[]" });
    expect(bare.status()).toBe(403);
  });

  test("uploads over 10 MB reach the upload routes whole (the proxy would truncate them); a cross-site cookie upload is refused", async ({ page, request }) => {
    const user = await createUser("big-upload");
    const appName = await createApp(user, "Big upload");
    const token = (await admin(["create-token", "--email", user.email, "--name", "e2e"])).trim();
    const auth = { Authorization: `Bearer ${token}` };
    const { apps } = (await (await request.get("/api/v1/apps", { headers: auth })).json()) as { apps: { id: string; name: string }[] };
    const appId = apps.find((a) => a.name === appName)!.id;
    const dataset = await request.post(`/api/v1/apps/${appId}/datasets`, { headers: auth, data: { name: "big" } });
    expect(dataset.status()).toBe(201);
    const datasetId = ((await dataset.json()) as { id: string }).id;
    const bytes = 12 * 1024 * 1024 + 17;
    const staged = await request.post(`/api/v1/datasets/${datasetId}/uploads`, {
      headers: auth,
      multipart: { archive: { name: "big.zip", mimeType: "application/zip", buffer: Buffer.alloc(bytes, 7) } },
      timeout: 60_000,
    });
    expect(staged.status()).toBe(201);
    expect(await staged.json()).toMatchObject({ fileName: "big.zip", bytes });
    const model = await request.post(`/api/v1/apps/${appId}/models`, { headers: auth, data: { name: "big" } });
    const modelId = ((await model.json()) as { id: string }).id;
    // Read whole, the file is judged on its content (not ONNX), not on a body cut short at 10 MB.
    const notOnnx = await request.post(`/api/v1/models/${modelId}/inspect-onnx`, {
      headers: auth,
      multipart: { file: { name: "big.onnx", mimeType: "application/octet-stream", buffer: Buffer.alloc(bytes, 7) } },
      timeout: 60_000,
    });
    expect(notOnnx.status()).toBe(422);
    expect(((await notOnnx.json()) as { error: { message: string } }).error.message).not.toContain("multipart");

    await page.goto("/sign-in");
    await fillSignIn(page, user);
    await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
    const foreign = await page.request.post(`/api/v1/datasets/${datasetId}/uploads`, {
      headers: { Origin: FOREIGN },
      multipart: { archive: { name: "x.zip", mimeType: "application/zip", buffer: Buffer.alloc(10, 1) } },
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.json()).toEqual({ error: { code: "cross_origin", message: expect.any(String) } });
  });

  test("a server-action body over the limit gets 413 at once, and the connection stays usable", async ({ request }) => {
    // Request timeouts, not wall-clock assertions: a server that waited for the whole body or hung the
    // connection would never answer (a loaded machine only makes a correct answer slower).
    const res = await request.post("/", {
      headers: { "Next-Action": "0".repeat(42), Origin: E2E_BASE_URL, "Content-Type": "text/plain;charset=UTF-8" },
      data: Buffer.alloc(1024 * 1024 + 4096, 97),
      timeout: 15_000,
    });
    expect(res.status()).toBe(413);
    expect(await res.text()).toContain("larger than");
    // The same client (keep-alive) is answered afterwards: nothing hangs.
    expect((await request.get("/api/health", { timeout: 10_000 })).status()).toBe(200);
  });

  test("pages and API responses carry the security headers", async ({ request }) => {
    for (const url of ["/sign-in", "/api/health"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      const headers = res.headers();
      expect(headers["x-frame-options"], url).toBe("DENY");
      expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["x-powered-by"], url).toBeUndefined();
    }
  });
});
