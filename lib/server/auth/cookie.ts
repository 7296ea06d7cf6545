import "server-only";
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
 * navigations only (lax), `Secure` when the public URL is https (see
 * {@link isSecurePublicUrl}) so that plain-http installs (localhost) still work.
 */
export function sessionCookieOptions(input: { expiresAt: Date; secure: boolean }): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: input.secure, path: "/", expires: input.expiresAt };
}

/**
 * Whether the session cookie is `Secure`: exactly when the configured public
 * URL is https. Never taken from a request header, which a client or a
 * misconfigured proxy could set either way.
 */
export function isSecurePublicUrl(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === "https:";
}
