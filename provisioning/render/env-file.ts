import { parse } from "dotenv";
import type { EnvEntry } from "../plan/project-plan";

/**
 * Writes and reads .env files. Every value Launchpad writes is generated (names derived from the slug,
 * ports, passwords from a letters-and-digits alphabet), so the writer accepts only characters that
 * dotenv reads back unchanged without quoting, and refuses anything else instead of escaping it.
 */
const SAFE_VALUE = /^[A-Za-z0-9_./:@?=+,-]*$/;
const SAFE_KEY = /^[A-Z][A-Z0-9_]*$/;

export function renderEnvFile(entries: EnvEntry[]): string {
  return entries
    .map((entry) => {
      if ("comment" in entry) return `# ${entry.comment.replace(/[\r\n]+/g, " ")}`;
      if (!SAFE_KEY.test(entry.key))
        throw new Error(`Refusing to write the .env key ${JSON.stringify(entry.key)}`);
      if (!SAFE_VALUE.test(entry.value))
        throw new Error(`Refusing to write an unsafe value for ${entry.key} to .env`);
      return `${entry.key}=${entry.value}`;
    })
    .join("\n")
    .concat("\n");
}

/** The variables of a .env file, as Compose and the frameworks' dotenv loaders read them. */
export function parseEnvFile(text: string): Record<string, string> {
  return parse(text);
}

export function envValues(entries: EnvEntry[]): Record<string, string> {
  return Object.fromEntries(entries.flatMap((entry) => ("key" in entry ? [[entry.key, entry.value]] : [])));
}
