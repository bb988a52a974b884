import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import net from "node:net";
import { runCommand, tail } from "../processes";
import type { Stack } from "../../../provisioning/stack";
import { checkCors, waitForHealth } from "../checks";
import { dockerEnvironment, unusedVolumes } from "./engine";
import { databaseSql, runInProject, runSetup, serviceProblems, type RunAs } from "./project";

/**
 * The full checks, on one stack of a run, after the ordinary ones passed:
 * - persistence: a marker row written with the database's own client survives a second ./setup.sh
 *   and a `docker compose down` + `up --wait`;
 * - ownership: setup.sh ran as a throwaway non-root user in the docker group, and every file in the
 *   project folder is still that user's;
 * - a port in use: with the project down and its first port taken, setup.sh stops with its own
 *   message; once the port is free again, it succeeds.
 */
export type FullOutcome =
  | { ok: true; results: Record<string, string | number> }
  | { ok: false; step: string; detail: string; results: Record<string, string | number> };

async function root(command: string[]) {
  return runCommand(command, { cwd: "/", env: dockerEnvironment(), timeoutMs: 60_000 });
}

/** Creates a user in the docker group, gives it the project folder, runs `body`, then removes it. */
export async function withThrowawayUser<T>(
  projectDir: string,
  body: (runAs: RunAs) => Promise<T>,
): Promise<T> {
  if (process.getuid?.() !== 0) throw new Error("the full checks create a throwaway user: run as root");
  const user = `lpvd${randomBytes(3).toString("hex")}`;
  const created = await root([
    "useradd",
    "--create-home",
    "--groups",
    "docker",
    "--shell",
    "/bin/bash",
    user,
  ]);
  if (created.code !== 0) throw new Error(`useradd failed: ${created.output}`);
  try {
    const uid = Number((await root(["id", "-u", user])).output.trim());
    const gid = Number((await root(["id", "-g", user])).output.trim());
    const chown = await root(["chown", "-R", `${uid}:${gid}`, projectDir]);
    if (chown.code !== 0) throw new Error(`chown failed: ${chown.output}`);
    return await body({ user, uid, gid, home: `/home/${user}` });
  } finally {
    await root(["userdel", "--remove", user]);
  }
}

export async function fullChecks(
  projectDir: string,
  stack: Stack,
  dotenv: Record<string, string>,
  runAs: RunAs,
): Promise<FullOutcome> {
  const results: Record<string, string | number> = {};
  const failed = (step: string, detail: string): FullOutcome => ({ ok: false, step, detail, results });
  const compose = (args: string[]) =>
    runInProject(projectDir, ["docker", "compose", ...args], {
      runAs,
      env: { HOST_UID: String(runAs.uid), HOST_GID: String(runAs.gid) },
    });
  const healthy = async (): Promise<string | null> => {
    const states = await serviceProblems(projectDir);
    if (states.problems.length > 0) return states.problems.join("; ");
    if (stack.backend === "none") return null;
    const health = await waitForHealth(`http://127.0.0.1:${dotenv.APP_PORT}`, stack.database, {
      timeoutMs: 60_000,
      hasExited: () => false,
    });
    return health.ok ? null : health.detail;
  };

  // Persistence, with the database's own client in its container.
  if (stack.database !== "postgresql" && stack.database !== "mysql")
    return failed("persistence", `the full checks need a database server; ${stack.database} has none`);
  const access = {
    kind: stack.database,
    user: dotenv.DB_USERNAME ?? "",
    password: dotenv.DB_PASSWORD ?? "",
    database: dotenv.DB_DATABASE ?? "",
  } as const;
  const marker = `survives-${randomBytes(4).toString("hex")}`;
  const written = await databaseSql(
    projectDir,
    access,
    `CREATE TABLE launchpad_marker (note varchar(64)); INSERT INTO launchpad_marker VALUES ('${marker}');`,
  );
  if (written.code !== 0)
    return failed("persistence", `writing the marker row failed: ${tail(written.output, 10)}`);
  const markerThere = async () =>
    (await databaseSql(projectDir, access, "SELECT note FROM launchpad_marker;")).output;

  // A change to the app's manifest, as a user adding a dependency makes: its image is rebuilt and its
  // container replaced, with fresh anonymous volumes (node_modules). The replaced ones must go.
  const app = stack.backend !== "none" ? "backend" : "frontend";
  const manifest = path.join(projectDir, app, "app", "package.json");
  const edited = JSON.parse(await readFile(manifest, "utf8")) as Record<string, unknown>;
  await writeFile(
    manifest,
    `${JSON.stringify({ ...edited, description: "edited by verify:docker" }, null, 2)}\n`,
  );
  const unusedBefore = new Set(await unusedVolumes());
  const second = await runSetup(projectDir, runAs);
  results.secondSetupSeconds = second.seconds;
  if (second.code !== 0) return failed("second setup.sh", tail(second.output, 30));
  // Each run gives the containers fresh anonymous volumes (node_modules): the old ones must go.
  const left = (await unusedVolumes()).filter((name) => !unusedBefore.has(name));
  if (left.length > 0)
    return failed(
      "volumes",
      `a second ./setup.sh, after an edit of ${app}/app/package.json, left ${left.length} unused volumes behind: ${left.join(", ")}`,
    );
  results.volumes = `ok (after an edit of ${app}/app/package.json, a second ./setup.sh replaced the app's container and left no unused volume behind)`;
  if (!(await markerThere()).includes(marker))
    return failed("persistence", "the marker row was gone after a second ./setup.sh");

  const down = await compose(["down"]);
  if (down.code !== 0) return failed("docker compose down", tail(down.output, 20));
  const up = await compose(["up", "--detach", "--wait"]);
  results.downUpSeconds = Math.round((down.seconds + up.seconds) * 10) / 10;
  if (up.code !== 0) return failed("docker compose up --wait", tail(up.output, 20));
  const afterUp = await healthy();
  if (afterUp !== null) return failed("health after down + up", afterUp);
  if (!(await markerThere()).includes(marker))
    return failed("persistence", "the marker row was gone after docker compose down + up --wait");
  results.persistence = "ok (a marker row survived a second ./setup.sh and docker compose down + up --wait)";

  // Ownership: nothing in the folder belongs to anyone but the user who ran setup.sh.
  const foreign = await root(["find", projectDir, "!", "-user", runAs.user, "-print"]);
  const count = await root(["find", projectDir, "-user", runAs.user, "-printf", "."]);
  const strangers = foreign.output.trim().split("\n").filter(Boolean);
  if (strangers.length > 0)
    return failed(
      "ownership",
      `${strangers.length} files are not ${runAs.user}'s, e.g.:\n${strangers.slice(0, 10).join("\n")}`,
    );
  results.ownership = `ok (all ${count.output.length} files and folders are the setup.sh user's: a throwaway non-root user in the docker group)`;

  // A port in use: setup.sh must say so, then succeed once it is free.
  const downAgain = await compose(["down"]);
  if (downAgain.code !== 0) return failed("docker compose down", tail(downAgain.output, 20));
  const portName = stack.backend !== "none" ? "APP_PORT" : "FRONTEND_PORT";
  const port = Number(dotenv[portName]);
  const blocker = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    blocker.once("error", reject);
    blocker.listen(port, "127.0.0.1", resolve);
  });
  let refused;
  try {
    refused = await runSetup(projectDir, runAs);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
  const expectedMessage = `Port ${port} (${portName}) is already in use`;
  if (refused.code === 0 || !refused.output.includes(expectedMessage))
    return failed(
      "port in use",
      `setup.sh with port ${port} taken exited ${refused.code}, without "${expectedMessage}":\n${tail(refused.output, 10)}`,
    );
  const rerun = await runSetup(projectDir, runAs);
  if (rerun.code !== 0) return failed("setup.sh after the port was freed", tail(rerun.output, 30));
  const afterRerun = await healthy();
  if (afterRerun !== null) return failed("health after the port was freed", afterRerun);
  if (stack.backend !== "none" && dotenv.FRONTEND_PORT) {
    const cors = await checkCors(`http://127.0.0.1:${dotenv.APP_PORT}`, [
      `http://127.0.0.1:${dotenv.FRONTEND_PORT}`,
    ]);
    if (!cors.ok) return failed("cors after the port was freed", cors.detail);
  }
  results.portInUse = `ok (setup.sh stopped with "${expectedMessage}"; after freeing it, setup.sh succeeded in ${rerun.seconds} s)`;
  return { ok: true, results };
}
