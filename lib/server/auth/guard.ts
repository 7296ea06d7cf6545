import "server-only";
import { cookies } from "next/headers";
import { AppError } from "@/lib/core/errors";
import { getHttpEnv } from "../env";
import { SESSION_COOKIE_NAME, isSecurePublicUrl, sessionCookieOptions } from "./cookie";
import { deleteSession, getUserBySessionToken, type SessionUser } from "./sessions";

export { SESSION_COOKIE_NAME };

/** The signed-in user of the current request, or null. For server components, actions and route handlers. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  return getUserBySessionToken(token);
}

/** The signed-in user; throws AppError("unauthenticated") when there is none. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated");
  return user;
}

/** Stores the session token in the cookie (server actions and route handlers only); `Secure` follows PUBLIC_URL's scheme. */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const secure = isSecurePublicUrl(getHttpEnv().PUBLIC_URL);
  (await cookies()).set(SESSION_COOKIE_NAME, token, sessionCookieOptions({ expiresAt, secure }));
}

/** Removes the session cookie (server actions and route handlers only). */
export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE_NAME);
}

/** Signs the current browser out: deletes its session row and its cookie. */
export async function signOutCurrentSession(): Promise<void> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE_NAME)?.value;
  if (token) await deleteSession(token);
  store.delete(SESSION_COOKIE_NAME);
}
