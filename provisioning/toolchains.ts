import type { Toolchain } from "./technology-spec";

/**
 * Facts that belong to a language runtime rather than to one framework. An app names its toolchain
 * in the catalogue; pair-wise facts (what an app of this toolchain needs for that database or CSS
 * framework) are looked up by toolchain, so adding a framework adds no rows to any table here.
 */
export type ToolchainFacts = {
  /** Paths inside an app's folder that are installed or built, never committed. */
  ignoredPaths: string[];
};

export const TOOLCHAIN_FACTS: Record<Toolchain, ToolchainFacts> = {
  node: { ignoredPaths: ["node_modules/"] },
  python: { ignoredPaths: ["__pycache__/"] },
  php: { ignoredPaths: ["vendor/"] },
};
