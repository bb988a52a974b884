import "server-only";
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { archiveUnfinished } from "../../shared/project-lifecycle";
import { lifecycleStateOf, lifecycleStateSelect } from "../lifecycle/lifecycle-state";
import type { Readable } from "node:stream";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { deriveProjectSecrets } from "../../security/project-secrets";
import { decryptSecret, type SecretKey } from "../../security/secret-box";
import { parseEnvFile } from "../../../provisioning/render/env-file";
import { DOWNLOAD_REFUSALS } from "../../shared/project-download";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import { walkProjectFolder, type LeftOut } from "./walk-project-folder";
import { readInside, zipProject } from "./zip-project";

const IN_PROGRESS = ["pending", "running"] as const;

export const CHANGED_WHILE_ZIPPING =
  "The project was provisioned while it was being zipped; the download was stopped so that no mixed snapshot leaves. Download it again.";

/** Where the download's note goes when README.md is not a plain file. */
const NOTE_FILE = "LAUNCHPAD-DOWNLOAD.md";

/** A variable whose value is a secret by its name, beside every value that holds a known secret. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL/i;
/** A URL with a password in it (`scheme://user:password@host`), whatever the variable is called. */
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;

export type ProjectDownload = { fileName: string; stream: Readable; leftOut: LeftOut[] };

/**
 * A provisioned project's folder as a zip, streamed: the project page's "Download as zip". Without
 * `.env` unless asked (then audited like a reveal, before any byte leaves), always with a
 * `.env.example` of every key with the secrets blank, and a note in README.md on where the values
 * come from and what was left out. A project being provisioned gives a clear refusal; a run that
 * starts while the zip streams stops the stream before the zip is complete.
 */
export async function downloadProject(options: {
  db: PrismaClient;
  projectsDir: string;
  key: SecretKey;
  slug: string;
  includeEnv: boolean;
  /** The caller's authorization, asked with the project as read here (server/auth/policy.ts). */
  authorize: (project: { id: string; ownerId: string | null }, includeEnv: boolean) => void;
  audit: AuditRequest;
}): Promise<ProjectDownload> {
  const { db, slug, includeEnv } = options;
  const project = await db.project.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      ownerId: true,
      archivedAt: true,
      ...lifecycleStateSelect,
      credentials: { select: { passwordEncrypted: true } },
      runs: { orderBy: { attempt: "desc" }, take: 1, select: { id: true, status: true } },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", "There is no such project.");
  options.authorize({ id: project.id, ownerId: project.ownerId }, includeEnv);
  // Its folder may be on its way between projects/ and projects/.archive (issue 29).
  if (project.archivedAt || archiveUnfinished(lifecycleStateOf(project)))
    throw new AppError("PROJECT_ARCHIVED", DOWNLOAD_REFUSALS.archived);
  const newestRun = project.runs[0];
  if (newestRun && (IN_PROGRESS as readonly string[]).includes(newestRun.status))
    throw new AppError("PROVISIONING_IN_PROGRESS", DOWNLOAD_REFUSALS["in-progress"]);

  const root = await projectFolder(options.projectsDir, slug);
  const secrets = knownSecrets(project, options.key);
  // The note goes at the end of README.md when it is a plain file (or missing); a README.md that is
  // a link stays a link, and the note gets a file of its own.
  const readmeStats = await lstat(path.join(root, "README.md")).catch(() => null);
  const noteFile = !readmeStats || readmeStats.isFile() ? "README.md" : NOTE_FILE;
  const { entries, leftOut } = await walkProjectFolder(root, { includeEnv, skip: new Set([noteFile]) });
  const hasOwnExample = entries.some((entry) => entry.path === ".env.example");
  // Read without following links, as every file of the zip is: a .env that is a link counts as none.
  const envText = await readInside(root, ".env").catch(() => null);

  if (includeEnv) {
    await db.$transaction((tx) =>
      writeAuditEntry(tx, {
        action: "project.downloaded_with_env",
        ...options.audit,
        project: { id: project.id, slug: project.slug },
      }),
    );
  }

  const stillTheSameRun = async () => {
    const now = await db.provisioningRun.findFirst({
      where: { projectId: project.id },
      orderBy: { attempt: "desc" },
      select: { id: true, status: true },
    });
    if (now?.id !== newestRun?.id || now?.status !== newestRun?.status)
      throw new AppError("PROVISIONING_IN_PROGRESS", CHANGED_WHILE_ZIPPING);
  };

  const stream = zipProject({
    root,
    prefix: slug,
    entries,
    added: [
      ...(envText !== null && !hasOwnExample && !includeEnv
        ? [
            {
              path: ".env.example",
              mode: 0o644,
              content: () => Promise.resolve(envExample(envText, secrets, noteFile)),
            },
          ]
        : []),
      {
        path: noteFile,
        mode: 0o644,
        // Last in the zip: the folder is checked once more before the zip can be completed.
        content: async () => {
          await stillTheSameRun();
          const readme =
            noteFile === "README.md" ? ((await readInside(root, noteFile)) ?? "") : "# Launchpad\n";
          return readme + downloadNote({ includeEnv, hasEnv: envText !== null, hasOwnExample, leftOut });
        },
      },
    ],
  });
  return { fileName: `${slug}.zip`, stream, leftOut };
}

/** PROJECTS_DIR/<slug>, a real folder (not a link), or a clear "nothing to download". */
async function projectFolder(projectsDir: string, slug: string): Promise<string> {
  const missing = new AppError("NOT_FOUND", DOWNLOAD_REFUSALS["no-folder"]);
  const projectsRoot = await realpath(projectsDir).catch(() => null);
  if (!projectsRoot) throw missing;
  const root = path.join(projectsRoot, slug);
  const stats = await lstat(root).catch(() => null);
  if (!stats) throw missing;
  if (!stats.isDirectory()) throw new AppError("UNSAFE_PATH", DOWNLOAD_REFUSALS.unsafe);
  return root;
}

/** The project's secrets as .env holds them: the database password, the app secret in both forms, the root password. */
function knownSecrets(
  project: { id: string; credentials: { passwordEncrypted: string } | null },
  key: SecretKey,
): string[] {
  const derived = deriveProjectSecrets(key, project.id);
  return [
    ...(project.credentials ? [decryptSecret(project.credentials.passwordEncrypted, key)] : []),
    derived.app,
    Buffer.from(derived.app, "base64url").toString("base64"),
    derived.databaseRoot,
  ];
}

/** .env.example: every variable of the project's .env, a secret's value blank. */
export function envExample(envText: string, secrets: string[], noteFile = "README.md"): string {
  const lines = Object.entries(parseEnvFile(envText)).map(([name, value]) => {
    const isSecret =
      SECRET_NAME.test(name) ||
      URL_WITH_PASSWORD.test(value) ||
      secrets.some((secret) => value.includes(secret));
    return `${name}=${isSecret ? "" : value}`;
  });
  return [
    "# Every variable of this project's .env, with the secrets left blank. Copy this file to .env and",
    `# fill them in: see "About this download" at the end of ${noteFile}.`,
    ...lines,
    "",
  ].join("\n");
}

function downloadNote(options: {
  includeEnv: boolean;
  hasEnv: boolean;
  hasOwnExample: boolean;
  leftOut: LeftOut[];
}): string {
  const lines = ["", "## About this download", ""];
  if (options.includeEnv && options.hasEnv) {
    lines.push("- `.env` is included, with the database password and keys: keep this zip private.");
  } else if (options.hasEnv) {
    lines.push(
      `- \`.env\` is not included: it holds the database password. ${options.hasOwnExample ? "Your `.env.example`" : "`.env.example`"} lists its variables. Fill them in:`,
      "  - the database values: in Launchpad, open the project, **Show credentials**, then **Copy as .env**",
      "    (the password only for the project's owner or an admin);",
      "  - `SECRET_KEY`, a framework key such as `APP_KEY`, `DB_ROOT_PASSWORD`: on a machine whose database",
      "    starts empty, any new random value, e.g. `openssl rand -base64 32` (`APP_KEY` wants `base64:` before it).",
    );
  }
  lines.push(
    "- Paths the project's `.gitignore` files ignore (installed packages, build output, database files) are not included.",
  );
  for (const item of options.leftOut) lines.push(`- Left out: \`${item.path}\`: ${item.reason}.`);
  return `${lines.join("\n")}\n`;
}
