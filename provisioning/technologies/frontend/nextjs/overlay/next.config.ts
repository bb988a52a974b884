import type { NextConfig } from "next";

// Written by Launchpad over create-next-app's file.
const nextConfig: NextConfig = {
  // setup.sh prints http://127.0.0.1:<port>; Next's dev server serves hot reload only to origins it knows.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
