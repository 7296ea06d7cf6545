import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { getEnv } from "@/lib/server/env";
import { getPrisma } from "@/lib/server/db/client";
import { applyMigrations } from "../../../prisma/migrate";
import { buildState } from "./build-freshness";
import { DEMO_USER, OTHER_USER, seedDemoWorkspace } from "./seed";

/**
 * `npm run demo`: applies the committed migrations, seeds the demo workspace
 * when the database is empty, builds the app when there is no build yet or
 * a source file is newer than it (after a `git pull`), and serves it on PORT
 * (default 3000). Flags: --no-seed (plain start), --no-build (serve the
 * existing build as it is; fail if there is none).
 */
async function main() {
  const args = new Set(process.argv.slice(2));
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const env = getEnv();
  const root = path.resolve(import.meta.dirname, "../../..");
  console.log(`Data folder: ${env.DATA_DIR}`);
  await applyMigrations({ databaseUrl: env.DATABASE_URL });
  if (!args.has("--no-seed")) {
    const db = getPrisma();
    const seeded = await seedDemoWorkspace({ db });
    await db.$disconnect();
    if (seeded) console.log("Demo workspace created.");
  }
  const state = buildState(root);
  if (state === "missing" && args.has("--no-build")) {
    console.error("No build found: run `npm run build` first.");
    process.exit(1);
  }
  if (state === "missing" || (state === "stale" && !args.has("--no-build"))) {
    console.log(state === "missing" ? "Building the app (first start)…" : "Sources changed since the last build: building the app…");
    const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit", env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = spawn("npx", ["next", "start", "-p", String(env.PORT)], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PORT: String(env.PORT), DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL },
  });
  const url = `http://localhost:${env.PORT}`;
  waitForHealth(`${url}/api/health`).then((ok) => {
    if (!ok) return;
    console.log(`\nIntersect is running at ${url}`);
    if (!args.has("--no-seed")) {
      console.log(`Sign in as ${DEMO_USER.email} / ${DEMO_USER.password}`);
      console.log(`(a second user, ${OTHER_USER.email} / ${OTHER_USER.password}, owns an app the demo user cannot see)`);
    }
  });
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  console.error(`The server did not answer at ${url} within ${timeoutMs / 1000} s.`);
  return false;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
