import "server-only";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { redact } from "../../security/redact";
import { decryptSecret, encryptSecret, type SecretKey } from "../../security/secret-box";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import type { GitSettings } from "./git-settings";
import { ContainedDir } from "../../security/contained-dir";
import { LAUNCHPAD_BRANCH, MAIN_BRANCH, unsafeRepository } from "./record-launchpad-commit";
import { GitError, runGit } from "./run-git";

/** A project's remote as the page shows it: never the token. */
export type RemoteView = {
  url: string;
  lastPushAt: Date | null;
  lastPushOk: boolean | null;
  lastPushMessage: string | null;
};

const TOKEN_MAX = 1000;
const URL_MAX = 2000;

/**
 * A remote the settings allow, or a specific refusal: https only, no credentials, query or fragment
 * in the URL, and the host on the admin's list (LAUNCHPAD_GIT_REMOTE_HOSTS), so that a member cannot
 * make Launchpad call an address of the internal network.
 */
export function checkRemoteUrl(raw: string, settings: GitSettings): URL {
  const text = raw.trim();
  let url: URL;
  try {
    if (text.length > URL_MAX) throw new Error("too long");
    url = new URL(text);
  } catch {
    throw new AppError(
      "INVALID_INPUT",
      "Enter the remote as an https:// URL, such as https://github.com/team/shop.git.",
    );
  }
  if (url.protocol !== "https:")
    throw new AppError(
      "INVALID_INPUT",
      `Only https remotes are allowed; this one is ${url.protocol.replace(":", "")}.`,
    );
  if (url.username || url.password)
    throw new AppError("INVALID_INPUT", "Put the access token in the token field, not in the URL.");
  if (url.search || url.hash) throw new AppError("INVALID_INPUT", "Enter the remote's URL without ?… or #….");
  const allowed = settings.remoteHosts;
  if (allowed.length === 0)
    throw new AppError(
      "INVALID_INPUT",
      "No remote host is allowed on this Launchpad: an admin lists them in LAUNCHPAD_GIT_REMOTE_HOSTS.",
    );
  // A host alone allows its https port (443); another port must be listed with it (host:port), so
  // that a member cannot make Launchpad knock on every port of an allowed host.
  const onAllowedHost = url.port === "" ? allowed.includes(url.hostname) : allowed.includes(url.host);
  if (!onAllowedHost)
    throw new AppError(
      "INVALID_INPUT",
      `Launchpad may push only to ${allowed.join(", ")}; ${url.host} is not one of them.`,
    );
  return url;
}

export function checkToken(token: string): string {
  if (token.length === 0) throw new AppError("INVALID_INPUT", "Enter the access token.");
  if (token.length > TOKEN_MAX)
    throw new AppError("INVALID_INPUT", `An access token has at most ${TOKEN_MAX} characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  if (/[\u0000-\u0020\u007f]/.test(token))
    throw new AppError(
      "INVALID_INPUT",
      "The access token may not contain spaces, line breaks or other control characters.",
    );
  return token;
}

export async function getRemote(db: PrismaClient, projectId: string): Promise<RemoteView | null> {
  return db.projectRemote.findUnique({
    where: { projectId },
    select: { url: true, lastPushAt: true, lastPushOk: true, lastPushMessage: true },
  });
}

/** Sets (or replaces) the project's remote; the token is stored encrypted and never shown again. */
export async function setRemote(options: {
  db: PrismaClient;
  project: { id: string; slug: string };
  url: string;
  token: string;
  key: SecretKey;
  settings: GitSettings;
  audit: AuditRequest;
}): Promise<RemoteView> {
  const url = checkRemoteUrl(options.url, options.settings);
  const tokenEncrypted = encryptSecret(checkToken(options.token), options.key);
  return options.db.$transaction(async (tx) => {
    const data = { url: url.href, tokenEncrypted, lastPushAt: null, lastPushOk: null, lastPushMessage: null };
    const remote = await tx.projectRemote.upsert({
      where: { projectId: options.project.id },
      create: { projectId: options.project.id, ...data },
      update: data,
      select: { url: true, lastPushAt: true, lastPushOk: true, lastPushMessage: true },
    });
    await writeAuditEntry(tx, {
      action: "project.remote_set",
      ...options.audit,
      project: options.project,
      detail: { host: url.host },
    });
    return remote;
  });
}

export async function removeRemote(options: {
  db: PrismaClient;
  project: { id: string; slug: string };
  audit: AuditRequest;
}): Promise<boolean> {
  // Removing a remote that is not there changes nothing and writes no entry: the same answer twice.
  return options.db.$transaction(async (tx) => {
    const { count } = await tx.projectRemote.deleteMany({ where: { projectId: options.project.id } });
    if (count === 0) return false;
    await writeAuditEntry(tx, {
      action: "project.remote_removed",
      ...options.audit,
      project: options.project,
    });
    return true;
  });
}

/**
 * Pushes `main` and `launchpad` to the project's remote, both or neither (`--atomic`), never forced:
 * a remote with history of its own refuses, and nothing changes there. The token reaches git as an
 * Authorization header through GIT_CONFIG_* variables: not in the arguments, the URL or .git/config.
 */
export async function pushProject(options: {
  db: PrismaClient;
  project: { id: string; slug: string };
  projectsDir: string;
  key: SecretKey;
  settings: GitSettings;
  audit: AuditRequest;
}): Promise<{ ok: boolean; message: string }> {
  const { db, project } = options;
  const [stored, newestRun] = await Promise.all([
    db.projectRemote.findUnique({
      where: { projectId: project.id },
      select: { url: true, tokenEncrypted: true },
    }),
    db.provisioningRun.findFirst({
      where: { projectId: project.id },
      orderBy: { attempt: "desc" },
      select: { status: true },
    }),
  ]);
  if (!stored) throw new AppError("NOT_FOUND", "Set a remote first.");
  if (newestRun?.status === "pending" || newestRun?.status === "running")
    throw new AppError(
      "PROVISIONING_IN_PROGRESS",
      "This project is being provisioned right now. Push when the run has finished.",
    );
  // The list may have changed since the remote was set.
  const url = checkRemoteUrl(stored.url, options.settings);
  const token = decryptSecret(stored.tokenEncrypted, options.key);
  const header = `Basic ${Buffer.from(`launchpad:${token}`).toString("base64")}`;
  const outcome = await pushFromOwnRepository({
    folder: path.join(options.projectsDir, project.slug),
    url,
    header,
    settings: options.settings,
  }).catch((error: unknown) => {
    if (!(error instanceof GitError)) throw error;
    return { ok: false, message: pushFailure(error) };
  });
  // Neither the token nor its header form ever leaves in a message.
  outcome.message = redact(outcome.message, [token, header, header.slice("Basic ".length)]);
  await db.$transaction(async (tx) => {
    // updateMany: a remote removed while it was pushed to still gets the push's audit entry.
    await tx.projectRemote.updateMany({
      where: { projectId: project.id },
      data: { lastPushAt: new Date(), lastPushOk: outcome.ok, lastPushMessage: outcome.message },
    });
    await writeAuditEntry(tx, {
      action: "project.pushed",
      ...options.audit,
      project,
      detail: { ok: outcome.ok },
    });
  });
  return outcome;
}

/**
 * Pushes the project's main and launchpad from a bare repository of Launchpad's own, made for this
 * push in a private folder: its config is Launchpad's, so nothing in the project's `.git/config`
 * (url.*.insteadOf, remote.*, http.*, include.*) can send the push or the token elsewhere. It reads
 * the project's objects through `objects/info/alternates`, by the folder's descriptor.
 */
async function pushFromOwnRepository(options: {
  folder: string;
  url: URL;
  header: string;
  settings: GitSettings;
}): Promise<{ ok: boolean; message: string }> {
  const dir = await ContainedDir.openRoot(options.folder).catch(() => null);
  if (!dir || !(await dir.lstat(".git"))?.isDirectory())
    throw new AppError(
      "NOT_FOUND",
      "This project's folder is not a git repository yet: re-provision it first.",
    );
  try {
    const unsafe = await unsafeRepository(dir);
    if (unsafe) throw new AppError("INVALID_INPUT", `Not pushed: ${unsafe}.`);
    const pinned = dir.pinnedPath();
    const tips: string[] = [];
    for (const branch of [MAIN_BRANCH, LAUNCHPAD_BRANCH]) {
      const tip = await runGit(["rev-parse", "--verify", "--quiet", `${branch}^{commit}`], {
        binary: options.settings.binary,
        cwd: pinned,
      }).catch(() => null);
      if (!tip)
        throw new AppError(
          "NOT_FOUND",
          `The project has no ${branch.replace("refs/heads/", "")} branch to push. Push sends main and launchpad; re-provision to recreate launchpad, or recreate main yourself.`,
        );
      tips.push(tip);
    }
    const own = await mkdtemp(path.join(os.tmpdir(), "launchpad-push-"));
    try {
      const inOwn = { binary: options.settings.binary, cwd: own, gitDir: "." };
      await runGit(["init", "--quiet", "--bare"], inOwn);
      await writeFile(path.join(own, "objects", "info", "alternates"), `${pinned}/.git/objects\n`);
      await runGit(["update-ref", MAIN_BRANCH, tips[0]!], inOwn);
      await runGit(["update-ref", LAUNCHPAD_BRANCH, tips[1]!], inOwn);
      await runGit(
        [
          "push",
          "--atomic",
          "--porcelain",
          options.url.href,
          `${MAIN_BRANCH}:${MAIN_BRANCH}`,
          `${LAUNCHPAD_BRANCH}:${LAUNCHPAD_BRANCH}`,
        ],
        {
          ...inOwn,
          timeoutMs: 120_000,
          env: {
            GIT_CONFIG_COUNT: "1",
            GIT_CONFIG_KEY_0: "http.extraHeader",
            GIT_CONFIG_VALUE_0: `Authorization: ${options.header}`,
          },
          config: options.settings.certificateAuthority
            ? { "http.sslCAInfo": options.settings.certificateAuthority }
            : {},
        },
      );
      return { ok: true, message: `Pushed main and launchpad to ${options.url.href}.` };
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  } finally {
    await dir.close();
  }
}

/**
 * What a failed push means for the user, in a sentence: from git's per-branch status lines
 * (`--porcelain`: "!", the branch, "[rejected] (fetch first)") where it printed them, else from
 * what it said.
 */
function pushFailure(error: GitError): string {
  if (error.missing) return "git is not installed on the Launchpad server, so nothing was pushed.";
  const refused = error.stdout
    .split("\n")
    .filter((line) => line.startsWith("!"))
    .map((line) => line.split("\t").at(-1) ?? "");
  const remoteRefusal = refused.find((status) => status.startsWith("[remote rejected]"));
  if (remoteRefusal)
    return `The remote refused the push ${remoteRefusal.replace("[remote rejected] ", "")}, so nothing was changed there.`;
  if (refused.some((status) => /fetch first|non-fast-forward|stale info/.test(status)))
    return "The remote already has history this project does not have, so nothing was changed there. Push to an empty repository, or merge its history by hand.";
  const said = error.stderr;
  if (/The requested URL returned error: 40[13]|Authentication failed|could not read Username/i.test(said))
    return "The remote refused the access token, so nothing was pushed. Set the remote again with a valid token.";
  if (/SSL|certificate/i.test(said))
    return "The remote's https certificate could not be verified, so nothing was pushed.";
  if (/Could not resolve host|Failed to connect|Connection refused|timed out|Couldn't connect/i.test(said))
    return "The remote could not be reached, so nothing was pushed.";
  if (/redirect/i.test(said))
    return "The remote answered with a redirect, which Launchpad does not follow, so nothing was pushed.";
  return `The push failed, and nothing was pushed: ${error.message}.`;
}
