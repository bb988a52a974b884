import type { Toolchain } from "./technology-spec";

/**
 * Facts that belong to a language runtime rather than to one framework. An app names its toolchain
 * in the catalogue; pair-wise facts (what an app of this toolchain needs for that database or CSS
 * framework) are looked up by toolchain, so adding a framework adds no rows to any table here.
 */
export type ToolchainFacts = {
  /** Paths inside an app's folder that are installed or built, never committed nor sent to docker build. */
  ignoredPaths: string[];
  /**
   * The container healthcheck that asks the app's own URL, with a tool every image of this toolchain
   * has (no curl or wget in the slim images of Python and Node).
   */
  healthcheck(url: string): string[];
  /** Variables the container needs to run as the host's user, who has no home in the image. */
  runtimeEnvironment: Record<string, string>;
  /** The command that adds packages to an app of this toolchain (its manifest records them). */
  addPackages(packages: string[]): string[];
  /**
   * Dockerfile instructions, each line ending in a newline, that install system packages (Debian's
   * names: every image of these toolchains is Debian-based) in the toolchain stage, so every step
   * setup.sh runs in that image and the app's own install can use them.
   */
  installBuildPackages(packages: string[]): string;
};

/** apt-get in one layer, without the package lists left in the image. */
const aptGetInstall = (packages: string[]) =>
  [
    "RUN apt-get update \\",
    `    && apt-get install -y --no-install-recommends ${packages.join(" ")} \\`,
    "    && rm -rf /var/lib/apt/lists/*",
    "",
  ].join("\n");

export const TOOLCHAIN_FACTS: Record<Toolchain, ToolchainFacts> = {
  node: {
    // Dependencies and the frameworks' build outputs (NestJS and Vite: dist, Next.js, Angular's cache).
    ignoredPaths: ["node_modules/", "dist/", ".next/", ".angular/"],
    healthcheck: (url) => [
      "CMD",
      "node",
      "-e",
      `fetch(${JSON.stringify(url)}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
    ],
    runtimeEnvironment: { HOME: "/tmp" },
    addPackages: (packages) => ["npm", "install", "--no-audit", "--no-fund", ...packages],
    // A native addon that cannot download its prebuilt binary is compiled by node-gyp, against the
    // headers the official image ships in /usr/local/include/node instead of downloading them.
    installBuildPackages: (packages) =>
      "# The database driver's native addon is compiled where no prebuilt binary can be downloaded.\n" +
      aptGetInstall(packages) +
      "ENV npm_config_nodedir=/usr/local\n",
  },
  python: {
    // node_modules: the CSS framework's build tools, run in the Node image at setup.
    ignoredPaths: ["__pycache__/", ".venv/", "node_modules/"],
    // urlopen raises on a refused connection and on any 4xx/5xx answer.
    healthcheck: (url) => [
      "CMD",
      "python",
      "-c",
      `import urllib.request; urllib.request.urlopen(${JSON.stringify(url)}, timeout=4)`,
    ],
    runtimeEnvironment: { HOME: "/tmp" },
    // requirements.txt is the manifest: the package is recorded there, pip installs it in the image.
    addPackages: (packages) => ["sh", "-c", 'printf "%s\\n" "$@" >> requirements.txt', "sh", ...packages],
    installBuildPackages: aptGetInstall,
  },
  php: {
    ignoredPaths: ["vendor/", "node_modules/"],
    // file_get_contents gives false on a refused connection and on any 4xx/5xx answer.
    healthcheck: (url) => [
      "CMD",
      "php",
      "-r",
      `exit(@file_get_contents(${JSON.stringify(url)}) === false ? 1 : 0);`,
    ],
    runtimeEnvironment: { HOME: "/tmp" },
    addPackages: (packages) => ["composer", "require", "--no-interaction", ...packages],
    installBuildPackages: aptGetInstall,
  },
};

/** What never goes into an image's build context, whatever the toolchain. */
export const ALWAYS_DOCKER_IGNORED = [".env", ".env.*", "*.creating/", ".git/"];
