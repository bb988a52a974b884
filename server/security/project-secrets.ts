import "server-only";
import { createHmac } from "node:crypto";
import type { ProjectSecrets } from "../../provisioning/plan/project-plan";
import type { SecretKey } from "./secret-box";

/**
 * Secrets of a generated project (its apps' signing key, its database's root password), derived from
 * Launchpad's secret key and the project's id: stable across re-provisions, so sessions and database
 * volumes survive them, unique per project, and never stored. base64url, so .env and URLs take them
 * unquoted.
 */
export function deriveProjectSecrets(key: SecretKey, projectId: string): ProjectSecrets {
  const derive = (purpose: string) =>
    createHmac("sha256", key).update(`launchpad:${purpose}:${projectId}`).digest("base64url");
  return { app: derive("app-secret"), databaseRoot: derive("database-root-password") };
}
