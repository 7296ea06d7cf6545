/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "sharp", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo before building; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
