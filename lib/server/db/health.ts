import "server-only";
import { getPrisma, type Db } from "./client";

/** Runs a trivial query; throws when the database cannot answer. */
export async function pingDatabase(db: Db = getPrisma()): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
