import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, readOrCreateKeyFile } from "./secret-box";

describe("secret box", () => {
  it("creates the key file once, with mode 0600, and reads the same key afterwards", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-key-"));
    const key = readOrCreateKeyFile(dataDir);
    expect(key).toHaveLength(32);
    expect((await stat(path.join(dataDir, "secret.key"))).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(dataDir).equals(key)).toBe(true);
    expect((await readFile(path.join(dataDir, "secret.key"), "utf8")).trim()).toBe(key.toString("base64"));
  });

  it("encrypts with a fresh IV each time and refuses a value changed by one byte", () => {
    const key = randomBytes(32);
    const first = encryptSecret("s3cret-password-value", key);
    const second = encryptSecret("s3cret-password-value", key);
    expect(first).not.toBe(second);
    expect(first).not.toContain("s3cret");
    expect(decryptSecret(first, key)).toBe("s3cret-password-value");

    const bytes = Buffer.from(first.slice(3), "base64url");
    for (const index of [0, 12, 20, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[index] = changed[index]! ^ 0x01;
      expect(() => decryptSecret(`v1:${changed.toString("base64url")}`, key)).toThrow(
        "A stored secret could not be decrypted: it was changed, or LAUNCHPAD_SECRET_KEY is not the key it was written with.",
      );
    }
    expect(() => decryptSecret(first, randomBytes(32))).toThrow(/could not be decrypted/);
    expect(() => decryptSecret("plain-text", key)).toThrow(/not in Launchpad's format/);
  });
});
