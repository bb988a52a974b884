import { describe, expect, it } from "vitest";
import { allValidStacks, type Stack } from "../stack";
import { catalogueChoices, CATALOGUE_VERSION } from "../catalogue";
import { generateProjectFiles } from "./generate-project-files";
import { sha256 } from "./render-manifest";
import {
  HASH_PLACEHOLDER,
  PORT_PLACEHOLDER,
  PREVIEW_STAND_IN_PORTS,
  previewProjectFiles,
  SECRET_PLACEHOLDER,
} from "./preview-project-files";

/**
 * The preview is the engine's own output with ports and secrets masked: for every valid stack, the
 * files provisioning renders with real-looking values, masked the same way, equal the preview.
 */
const STACKS = allValidStacks(catalogueChoices());
const project = { slug: "preview-shop", name: "Preview shop", description: "Sells previews" };
const databaseIdentity = { databaseName: "preview_shop", databaseUser: "preview_shop_user" };
const generatedAt = new Date("2026-12-04T12:00:00Z");
const password = "Q7kz".repeat(8);
const secrets = { app: "s3cr3tAppValue_-".repeat(3).slice(0, 43), databaseRoot: "R00tValue".repeat(4) };
const ports = { app: 21_001, frontend: 21_002, database: 21_003, admin: 21_004 };

async function engineFiles(stack: Stack) {
  return generateProjectFiles({
    project,
    stack,
    credentials: { ...databaseIdentity, password },
    secrets,
    ports,
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt,
  });
}

function masked(content: string, engine: { path: string; content: string }[]): string {
  let text = content;
  const signingKey = Buffer.from(secrets.app, "base64url").toString("base64");
  for (const secret of [password, secrets.app, signingKey, secrets.databaseRoot])
    text = text.replaceAll(secret, SECRET_PLACEHOLDER);
  text = text.replace(/\b2100[1-4]\b/g, PORT_PLACEHOLDER);
  // launchpad.json: the hash of every file that changed by masking is masked too.
  for (const file of engine)
    if (masked(file.content, []) !== file.content)
      text = text.replaceAll(sha256(file.content), HASH_PLACEHOLDER);
  return text;
}

describe("previewProjectFiles", () => {
  it.each(STACKS.map((stack) => [Object.values(stack).join("+"), stack] as const))(
    "%s: the same tree, modes and contents as provisioning writes, ports and secrets masked",
    async (_name, stack) => {
      const [engine, preview] = await Promise.all([
        engineFiles(stack),
        previewProjectFiles({ project, stack, databaseIdentity, generatedAt }),
      ]);
      expect(preview.directories).toEqual(engine.directories);
      expect(preview.files.map((file) => [file.path, file.mode])).toEqual(
        engine.files.map((file) => [file.path, file.mode]),
      );
      for (const [index, file] of engine.files.entries()) {
        expect(preview.files[index]!.content, file.path).toBe(masked(file.content, engine.files));
        // The stand-ins appear in no template, so masking them changed nothing else.
        for (const port of PREVIEW_STAND_IN_PORTS) expect(file.content).not.toContain(String(port));
      }
      const env = preview.files.find((file) => file.path === ".env")!.content;
      expect(env).toContain(`_PORT=${PORT_PLACEHOLDER}`);
      expect(env).not.toMatch(/Preview(Database|App|Root)/);
    },
  );
});
