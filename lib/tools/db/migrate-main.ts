/**
 * `npm run db:migrate`: applies the committed migrations to the database of
 * this environment (`DATABASE_URL`, default `file:<DATA_DIR>/intersect.db`).
 */
import { getEnv } from "@/lib/server/env";
import { applyMigrations } from "@/prisma/migrate";
import { sqliteFilePath } from "@/prisma/sqlite";

async function main(): Promise<void> {
  const { DATABASE_URL } = getEnv();
  const { applied } = await applyMigrations({ databaseUrl: DATABASE_URL });
  const where = sqliteFilePath(DATABASE_URL) ?? DATABASE_URL;
  if (applied.length === 0) {
    console.log(`Database ${where} is up to date.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${where}:\n${applied.map((name) => `  ${name}`).join("\n")}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
