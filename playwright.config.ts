import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT, REPO_ROOT, assertLocalTarget, e2eProcessEnv } from "./e2e/env";

// Refuse before anything starts (the web server wipes E2E_DATA_DIR): only the local throwaway database.
assertLocalTarget();

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: {
    // Seeds the demo workspace (for the one demo smoke test); every other spec builds its own world with e2e/factories.ts.
    command: `rm -rf "${E2E_DATA_DIR}" && npx tsx --conditions=react-server lib/tools/demo/serve.ts --no-build`,
    cwd: REPO_ROOT,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: { ...e2eProcessEnv(), PORT: String(E2E_PORT) },
    stdout: "pipe",
  },
});
