import type { Stack } from "../stack";
import { CATALOGUE_VERSION } from "../catalogue";
import type { PortPurpose } from "../plan/project-plan";
import { generateProjectFiles } from "./generate-project-files";
import { MANIFEST_FILE, sha256 } from "./render-manifest";

/** What a preview shows where provisioning would put an allocated port or a generated secret. */
export const PORT_PLACEHOLDER = "<allocated on save>";
export const SECRET_PLACEHOLDER = "••••";
/** launchpad.json's hash of a file that holds a port or a secret, which only the save knows. */
export const HASH_PLACEHOLDER = "<computed on save>";

/**
 * Stand-ins the plan is made with, replaced in the rendered text by the placeholders above. The ports
 * are numbers no template writes (provisioning/render/preview-project-files.test.ts renders every
 * stack with other ports and finds none of them), so replacing them touches nothing else; the
 * secrets are letters and digits only, as real ones are, so every renderer accepts them.
 */
const STAND_IN_PORTS: Record<PortPurpose, number> = {
  app: 49731,
  frontend: 49732,
  database: 49733,
  admin: 49734,
};
const STAND_IN_PASSWORD = "LaunchpadPreviewDatabasePassword";
const STAND_IN_SECRETS = {
  app: "LaunchpadPreviewAppSecret0000000000000000000",
  databaseRoot: "LaunchpadPreviewRootSecret",
};

export type PreviewFile = { path: string; mode: number; content: string };
export type ProjectPreview = { files: PreviewFile[]; directories: string[] };

/**
 * The files provisioning would write for `stack`, from the same plan and renderers, with every
 * allocated port and generated secret shown as a placeholder. Pure: no port is allocated, no
 * credential made, nothing written.
 */
export async function previewProjectFiles(input: {
  project: { slug: string; name: string; description: string };
  stack: Stack;
  /** The database and user names the project has, or would get from its slug. */
  databaseIdentity: { databaseName: string; databaseUser: string };
  generatedAt: Date;
}): Promise<ProjectPreview> {
  const { files, directories } = await generateProjectFiles({
    project: input.project,
    stack: input.stack,
    credentials: { ...input.databaseIdentity, password: STAND_IN_PASSWORD },
    secrets: STAND_IN_SECRETS,
    ports: STAND_IN_PORTS,
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: input.generatedAt,
  });
  const maskedFiles = files.map((file) => ({
    path: file.path,
    mode: file.mode,
    content: maskStandIns(file.content),
  }));
  // The manifest's hashes of files with stand-ins would be hashes of the stand-ins: masked as well.
  const standInHashes = files
    .filter((file, index) => file.path !== MANIFEST_FILE && file.content !== maskedFiles[index]!.content)
    .map((file) => sha256(file.content));
  for (const file of maskedFiles.filter((file) => file.path === MANIFEST_FILE)) {
    for (const hash of standInHashes) file.content = file.content.replaceAll(hash, HASH_PLACEHOLDER);
  }
  return { files: maskedFiles, directories };
}

/** The app secret also appears in standard base64 (a framework's signing key); both are masked. */
const SECRET_FORMS = [
  STAND_IN_PASSWORD,
  STAND_IN_SECRETS.app,
  Buffer.from(STAND_IN_SECRETS.app, "base64url").toString("base64"),
  STAND_IN_SECRETS.databaseRoot,
];
const PORT_PATTERN = new RegExp(`\\b(?:${Object.values(STAND_IN_PORTS).join("|")})\\b`, "g");

function maskStandIns(content: string): string {
  let masked = content;
  for (const secret of SECRET_FORMS) masked = masked.replaceAll(secret, SECRET_PLACEHOLDER);
  return masked.replace(PORT_PATTERN, PORT_PLACEHOLDER);
}

/** For the test that proves the stand-in ports appear in no template. */
export const PREVIEW_STAND_IN_PORTS = Object.values(STAND_IN_PORTS);
