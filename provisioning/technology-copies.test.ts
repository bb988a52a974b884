import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TECHNOLOGIES_DIR } from "./paths";

/**
 * Files that are the same in two technology folders on purpose: each app's folder stays whole and
 * readable as it is copied into a project, so the engine copies files, not shared sources. The copies
 * must stay identical, and a new identical pair must be declared here (issue 30).
 */
const INTENDED_COPIES: string[][] = [
  ["frontend/react/overlay/src/health.ts", "frontend/vue/overlay/src/health.ts"],
  ["frontend/react/overlay/src/vite-env.d.ts", "frontend/vue/overlay/src/vite-env.d.ts"],
  ["frontend/react/css/none/src/index.css", "frontend/vue/css/none/src/style.css"],
  ["frontend/react/css/tailwind/src/index.css", "frontend/vue/css/tailwind/src/style.css"],
  ["frontend/react/css/none/src/main.tsx", "frontend/react/css/tailwind/src/main.tsx"],
  ["frontend/vue/css/none/src/main.ts", "frontend/vue/css/tailwind/src/main.ts"],
];

async function hashes(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(TECHNOLOGIES_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "package-lock.json") continue;
    const file = path.relative(TECHNOLOGIES_DIR, path.join(entry.parentPath, entry.name));
    if (file.split(path.sep).includes("node_modules")) continue;
    const content = await readFile(path.join(TECHNOLOGIES_DIR, file));
    files.set(file, createHash("sha256").update(content).digest("hex"));
  }
  return files;
}

describe("technology folders", () => {
  it("keep their intended copies identical", async () => {
    const files = await hashes();
    for (const group of INTENDED_COPIES) {
      const distinct = new Set(group.map((file) => files.get(file)));
      expect(distinct.has(undefined), `${group.join(", ")}: a file is missing`).toBe(false);
      expect(distinct.size, `${group.join(" and ")} differ`).toBe(1);
    }
  });

  it("have no other identical files than the declared copies", async () => {
    const byHash = new Map<string, string[]>();
    for (const [file, hash] of await hashes()) byHash.set(hash, [...(byHash.get(hash) ?? []), file]);
    const declared = new Set(INTENDED_COPIES.map((group) => [...group].sort().join("|")));
    const undeclared = [...byHash.values()]
      .filter((group) => group.length > 1)
      .map((group) => group.sort().join("|"))
      .filter((key) => !declared.has(key));
    expect(undeclared).toEqual([]);
  });
});
