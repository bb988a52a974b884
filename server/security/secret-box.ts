import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors/app-error";
import { env } from "../env";

/**
 * Encrypts secrets kept in the database (generated database passwords) with AES-256-GCM: the
 * database alone never reveals them, and a stored value changed by even one byte fails to decrypt.
 * Stored form: "v1:" + base64url(12-byte IV | 16-byte tag | ciphertext).
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretKey = Buffer;

/**
 * The key: LAUNCHPAD_SECRET_KEY when set, else `<data dir>/secret.key`, created on first use with
 * mode 0600 (the embedded default needs no setup).
 */
let cachedKey: SecretKey | undefined;

export function loadSecretKey(): SecretKey {
  cachedKey ??= readOrCreateKey();
  return cachedKey;
}

function readOrCreateKey(): SecretKey {
  const config = env();
  if (config.LAUNCHPAD_SECRET_KEY) return Buffer.from(config.LAUNCHPAD_SECRET_KEY, "base64");
  return readOrCreateKeyFile(config.dataDir);
}

/**
 * The configured key if there is one (LAUNCHPAD_SECRET_KEY or an existing key file), without creating
 * a key file: what the start-up check uses when data was already written with some key.
 */
export function readExistingSecretKey(): SecretKey | null {
  const config = env();
  if (config.LAUNCHPAD_SECRET_KEY) return Buffer.from(config.LAUNCHPAD_SECRET_KEY, "base64");
  const keyPath = path.join(config.dataDir, "secret.key");
  try {
    return decodeKeyFile(readFileSync(keyPath, "utf8"), keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** `<dataDir>/secret.key`: read when it exists, else created with a new random key and mode 0600. */
export function readOrCreateKeyFile(dataDir: string): SecretKey {
  const keyPath = path.join(dataDir, "secret.key");
  try {
    return decodeKeyFile(readFileSync(keyPath, "utf8"), keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(keyPath, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return decodeKeyFile(readFileSync(keyPath, "utf8"), keyPath);
    throw error;
  }
  chmodSync(keyPath, 0o600);
  return key;
}

function decodeKeyFile(text: string, keyPath: string): SecretKey {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte base64 key.`);
  return key;
}

export function encryptSecret(plaintext: string, key: SecretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function decryptSecret(stored: string, key: SecretKey): string {
  const [version, payload] = stored.split(":");
  const bytes = Buffer.from(payload ?? "", "base64url");
  if (version !== VERSION || bytes.length < IV_BYTES + TAG_BYTES) {
    throw new AppError("SECRET_UNREADABLE", "A stored secret is damaged: it is not in Launchpad's format.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new AppError(
      "SECRET_UNREADABLE",
      "A stored secret could not be decrypted: it was changed, or LAUNCHPAD_SECRET_KEY is not the key it was written with.",
    );
  }
}
