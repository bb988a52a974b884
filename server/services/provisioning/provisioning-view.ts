import "server-only";
import path from "node:path";
import type { ConnectionInfo, PortAssignment } from "../../../provisioning/plan/project-plan";
import type { Credentials } from "./provisioning-result";

/** What the user runs next, with the folder relative to where Launchpad runs when it is inside it. */
export function nextSteps(projectPath: string): string[] {
  const relative = path.relative(process.cwd(), projectPath);
  const shown = relative && !relative.startsWith("..") ? relative : projectPath;
  return [`cd ${shown}`, "./setup.sh"];
}

/** The credentials dialog's content, from the plan's connection and the project's ports. */
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
      password: connection.password,
      host: connection.host,
      port: connection.port,
      connectionUrl: connection.connectionUrl,
      ...portsView,
    };
  }
  return {
    databaseKind: connection.kind,
    databaseName: connection.kind === "file" ? connection.databaseName : null,
    databaseUser: null,
    password: null,
    host: null,
    port: null,
    connectionUrl: connection.kind === "file" ? connection.connectionUrl : null,
    ...portsView,
  };
}
