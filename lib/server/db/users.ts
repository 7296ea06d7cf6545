import "server-only";
import { getPrisma, type Db } from "./client";

const publicUser = { id: true, email: true, name: true } as const;

/** The user with this (already normalised) email, with the password hash for sign-in; null when unknown. */
export async function findUserCredentials({ email }: { email: string }, db: Db = getPrisma()) {
  return db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
}

/** The user with this (already normalised) email as the app shows it; null when unknown. */
export async function findUserByEmail({ email }: { email: string }, db: Db = getPrisma()) {
  return db.user.findUnique({ where: { email }, select: publicUser });
}

/** Inserts a user; a taken email surfaces as Prisma's P2002 unique violation. */
export async function insertUser(
  { email, name, passwordHash }: { email: string; name: string; passwordHash: string },
  db: Db = getPrisma(),
) {
  return db.user.create({ data: { email, name, passwordHash }, select: publicUser });
}

/** How many users exist (the demo seed only runs on an empty database). */
export async function countUsers(db: Db = getPrisma()): Promise<number> {
  return db.user.count();
}

/** True when `error` is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
