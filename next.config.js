/* global process, URL */
/**
 * Headers on every response: no framing by other sites (clickjacking), no
 * MIME sniffing, no full URLs leaked to other origins in Referer.
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
];

/**
 * Largest server-action body in bytes; must equal SERVER_ACTION_BODY_LIMIT_BYTES
 * in lib/server/transport/request-guard.ts (proxy.ts answers 413 above it; a test checks they agree).
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Next's own server-action origin check compares Origin with X-Forwarded-Host
 * or Host. Behind a proxy that rewrites Host, the public host is allowed too:
 * PUBLIC_URL's, or while it is unset its default `localhost:$PORT` (as
 * lib/server/env.ts), which proxy.ts also counts as the app's own (else
 * Next would answer such an action with 500). proxy.ts does the strict
 * check (PUBLIC_URL, TRUSTED_PROXY) first.
 */
export function allowedActionOrigins(env = process.env) {
  const url = env.PUBLIC_URL?.trim() || `http://localhost:${env.PORT?.trim() || 3000}`;
  return URL.canParse(url) ? [new URL(url).host] : [];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "sharp", "@prisma/adapter-better-sqlite3", "onnxruntime-node"],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo before building; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES, allowedOrigins: allowedActionOrigins() },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
