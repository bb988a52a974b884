import type { TechnologySpec } from "../technology-spec";
import type { PortAssignment, PortPurpose } from "./project-plan";

/** The .env variable that carries each host port. */
export const PORT_VARIABLE: Record<PortPurpose, string> = {
  app: "APP_PORT",
  frontend: "FRONTEND_PORT",
  database: "DB_PORT",
  admin: "ADMIN_PORT",
};

/** The host ports a stack needs, by purpose, in the order setup.sh checks them. */
export function requiredPortPurposes(specs: TechnologySpec[]): PortPurpose[] {
  return specs.flatMap((spec): PortPurpose[] => {
    if (spec.kind === "app") return [appPortPurpose(spec.folder)];
    if (spec.kind === "server-database") return ["database", "admin"];
    return [];
  });
}

export function appPortPurpose(folder: "backend" | "frontend"): PortPurpose {
  return folder === "backend" ? "app" : "frontend";
}

/** The port assigned for `purpose`; planning without it is a bug in the caller, not bad input. */
export function requirePort(ports: PortAssignment, purpose: PortPurpose): number {
  const port = ports[purpose];
  if (port === undefined) throw new Error(`No ${purpose} port was assigned`);
  return port;
}
