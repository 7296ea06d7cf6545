import "server-only";
import { applyMigrations } from "@/prisma/migrate";
import { getEnv } from "@/lib/server/env";
import { startBackgroundWork } from "./start-background";

/** `npm run worker`: a worker process apart from the web server (same database and data folder). */
async function main() {
  const env = getEnv();
  await applyMigrations({ databaseUrl: env.DATABASE_URL });
  const worker = startBackgroundWork();
  console.log(`Intersect worker running on ${env.DATABASE_URL}`);
  const shutdown = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main();
