import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * No Docker engine runs in CI, so the image's promises are checked on the files: the runtime stage
 * runs as a non-root user, installs production dependencies only, and .env files never enter the
 * build context. (e2e/production-install.spec.ts proves that such an install starts.)
 */
const dockerfile = readFileSync("Dockerfile", "utf8");
const dockerignore = readFileSync(".dockerignore", "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));

/** The instructions of the last stage, continuation lines joined. */
function finalStage(): string[] {
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const from = instructions.findLastIndex((line) => /^FROM\s/i.test(line));
  return instructions.slice(from);
}

/** Docker's .dockerignore matching (Go filepath.Match plus `**`), enough for these patterns. */
function isIgnored(file: string): boolean {
  let ignored = false;
  for (const raw of dockerignore) {
    const negate = raw.startsWith("!");
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+/, "");
    const regex = new RegExp(
      `^${pattern
        .split("**/")
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]"),
        )
        .join("(?:.*/)?")}(?:/.*)?$`,
    );
    if (regex.test(file)) ignored = !negate;
  }
  return ignored;
}

describe("the Docker image", () => {
  it("runs as a non-root user in its final stage, set before the command", () => {
    const stage = finalStage();
    const user = stage.findLastIndex((line) => /^USER\s/i.test(line));
    const command = stage.findIndex((line) => /^(CMD|ENTRYPOINT)\s/i.test(line));
    expect(user).toBeGreaterThan(-1);
    expect(command).toBeGreaterThan(user);
    expect(stage[user]).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
  });

  it("installs production dependencies only in its final stage and does not copy the whole context", () => {
    const stage = finalStage();
    expect(stage.some((line) => /npm ci\b.*--omit=dev/.test(line))).toBe(true);
    expect(stage.filter((line) => /^COPY\s+(--chown=\S+\s+)?\.\s/i.test(line))).toEqual([]);
  });

  it("keeps .env files and the secret key out of the build context", () => {
    for (const file of [".env", ".env.local", ".env.production", "server/.env", ".data/secret.key"]) {
      expect(isIgnored(file), file).toBe(true);
    }
    for (const file of ["package.json", "server/cli/start.ts", "prisma/schema.prisma"]) {
      expect(isIgnored(file), file).toBe(false);
    }
  });
});
