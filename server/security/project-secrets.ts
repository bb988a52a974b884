import "server-only";
import { createHmac } from "node:crypto";
import type { SecretKey } from "./secret-box";

/**
 * Secrets a generated project's apps sign with (Django's SECRET_KEY, ...), derived from Launchpad's
 * secret key and the project's id: stable across re-provisions, so sessions survive them, unique per
 * project, and never stored. base64url, so they go into .env and URLs unquoted.
 */
export function deriveProjectSecret(key: SecretKey, projectId: string, purpose: "app-secret"): string {
  return createHmac("sha256", key).update(`launchpad:${purpose}:${projectId}`).digest("base64url");
}
