import "server-only";
import { randomInt } from "node:crypto";

/**
 * Database credentials for a generated project. The password alphabet is letters and digits only, so
 * it needs no escaping in a URL, a .env file or YAML; 32 characters of 62 give about 190 bits.
 */
const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PASSWORD_LENGTH = 32;

export function generatePassword(): string {
  let password = "";
  for (let i = 0; i < PASSWORD_LENGTH; i++)
    password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

// MySQL limits user names to 32 characters; the other databases allow more.
const IDENTIFIER_MAX = 32;

/**
 * A database or user name from the project slug: lowercase letters, digits and underscores, starting
 * with a letter, at most 32 characters: valid unquoted in PostgreSQL, MySQL and MongoDB.
 */
export function databaseIdentifiers(slug: string): { databaseName: string; databaseUser: string } {
  let base = slug.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[a-z]/.test(base)) base = `p_${base}`;
  const name = base.slice(0, IDENTIFIER_MAX).replace(/_+$/, "");
  const user = `${base.slice(0, IDENTIFIER_MAX - 5).replace(/_+$/, "")}_user`;
  return { databaseName: name, databaseUser: user };
}
