/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database driver and the provisioning script runner stay plain Node modules on the server.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "execa"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
