import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname),
      // Outside Next.js the marker package throws on import; tests run server code on purpose.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "provisioning/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One database per run; files share it, each creating its own uniquely named data.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
