/** Name of the cookie that carries the session token. */
export const SESSION_COOKIE_NAME = "intersect_session";

/** Attributes of the session cookie (the shape Next's `cookies().set` takes). */
export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  expires: Date;
}

/**
 * Session cookie attributes: not readable from scripts, sent on top-level
 * navigations only (lax), `Secure` only over https so that plain-http
 * self-hosted installs (localhost) still work.
 */
export function sessionCookieOptions(input: { expiresAt: Date; secure: boolean }): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: input.secure, path: "/", expires: input.expiresAt };
}

/**
 * Whether the request came over https, from the `x-forwarded-proto` header
 * (Next sets it for direct requests; a reverse proxy sets it in front).
 */
export function isHttpsRequest(forwardedProto: string | null | undefined): boolean {
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
