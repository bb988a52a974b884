import path from "node:path";

/**
 * The UTS #39 confusables table as committed (server/cli/generate-confusables.ts writes it): each
 * source code point, in hex, maps to the hex code points of its prototype.
 */
export type ConfusablesTable = {
  unicodeVersion: string;
  /** The Date line of confusables.txt. */
  date: string;
  /** Where the generator took confusables.txt from, with the hash it checked. */
  source: string;
  mappings: Record<string, string>;
};

export const CONFUSABLES_FILE = path.join(import.meta.dirname, "confusables.json");
