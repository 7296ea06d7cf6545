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

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "sharp", "@prisma/adapter-better-sqlite3", "onnxruntime-node"],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo before building; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
