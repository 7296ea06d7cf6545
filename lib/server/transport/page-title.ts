import "server-only";
import { AppError } from "@/lib/core/errors";
import { getCurrentUser } from "@/lib/server/auth/guard";

/**
 * A page's title from an owner-scoped read (for `generateMetadata`): what
 * `read` returns for the signed-in user, else `fallback` — when signed out or
 * for a missing or another owner's id, so a title never names another user's
 * row. The layout's template adds " — Intersect".
 */
export async function ownedPageTitle(read: (ownerId: string) => Promise<string>, fallback: string): Promise<string> {
  const user = await getCurrentUser();
  if (!user) return fallback;
  try {
    return await read(user.id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return fallback;
    throw error;
  }
}
