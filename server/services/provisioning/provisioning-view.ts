import "server-only";
import path from "node:path";
import type { ConnectionInfo, PortAssignment } from "../../../provisioning/plan/project-plan";
import type { Credentials } from "./provisioning-result";
import type { RunFailure } from "./run-failure";

/** What the user runs next, with the folder relative to where Launchpad runs when it is inside it. */
export function nextSteps(projectPath: string): string[] {
  const relative = path.relative(process.cwd(), projectPath);
  const shown = relative && !relative.startsWith("..") ? relative : projectPath;
  return [`cd ${shown}`, "./setup.sh"];
}

/**
 * What to do after a failed run, said to whoever saved or re-provisioned (the owner or an admin):
 * the environment's faults can be fixed and run again; Launchpad's own cannot be fixed by the user.
 */
export function failureNextSteps(failure: RunFailure): string[] {
  return failure.fault === "environment"
    ? [failure.advice, "Then press Re-provision: the stack is saved."]
    : [failure.advice];
}

/** `url` without the password in its user part (postgresql://user@host:port/db). */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.href;
}

/**
 * The credentials dialog's content, from the plan's connection and the project's ports: everything
 * but the password, which only `provisioning.reveal` returns.
 */
export function credentialsView(connection: ConnectionInfo, ports: PortAssignment): Credentials {
  const portsView = {
    appPort: ports.app ?? null,
    frontendPort: ports.frontend ?? null,
    adminPort: ports.admin ?? null,
  };
  if (connection.kind === "server") {
    return {
      databaseKind: "server",
      databaseName: connection.databaseName,
      databaseUser: connection.databaseUser,
      hasPassword: true,
      host: connection.host,
      port: connection.port,
      connectionUrl: withoutPassword(connection.connectionUrl),
      ...portsView,
    };
  }
  return {
    databaseKind: connection.kind,
    databaseName: connection.kind === "file" ? connection.databaseName : null,
    databaseUser: null,
    hasPassword: false,
    host: null,
    port: null,
    connectionUrl: connection.kind === "file" ? connection.connectionUrl : null,
    ...portsView,
  };
}
