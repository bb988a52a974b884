import "server-only";
import { env } from "../../env";
import { loadSecretKey, type SecretKey } from "../../security/secret-box";
import { portBindCheckFor } from "./port-bind-check";
import type { PortRange } from "./ports";
import { gitSettingsFromEnv, type GitSettings } from "../git/git-settings";

export type ProvisioningConfig = {
  projectsDir: string;
  timeoutMs: number;
  portRange: PortRange;
  key: SecretKey;
  /** The shellcheck program to run; shellcheck on PATH when unset. */
  shellcheck?: string;
  /** How long a run's claim holds without renewal (PROVISION_LEASE_MS); 30 s when unset. */
  leaseMs?: number;
  /** Whether new host ports get a bind test on this host (PROVISION_PORT_BIND_CHECK); on when unset. */
  portBindCheck?: boolean;
  /** How runs are recorded in the project's git repository; the defaults when unset. */
  git?: GitSettings;
  /** How many days an archived project can be restored before it is purged; 30 when unset. */
  archiveRetentionDays?: number;
};

/** The provisioning settings of this process (server/env.ts), with the secret key. */
export function provisioningConfigFromEnv(): ProvisioningConfig {
  const config = env();
  return {
    projectsDir: config.projectsDir,
    timeoutMs: config.PROVISION_TIMEOUT_MS,
    portRange: { start: config.PROVISION_PORT_RANGE_START, end: config.PROVISION_PORT_RANGE_END },
    key: loadSecretKey(),
    shellcheck: config.PROVISION_SHELLCHECK,
    leaseMs: config.PROVISION_LEASE_MS,
    portBindCheck: portBindCheckFor(config.PROVISION_PORT_BIND_CHECK),
    git: gitSettingsFromEnv(),
    archiveRetentionDays: config.LAUNCHPAD_ARCHIVE_RETENTION_DAYS,
  };
}

export const DEFAULT_LEASE_MS = 30_000;

export function leaseOf(config: ProvisioningConfig): number {
  return config.leaseMs ?? DEFAULT_LEASE_MS;
}

/** How long after its start a run that is still marked active is taken as interrupted. */
export function staleAfter(config: ProvisioningConfig): number {
  return config.timeoutMs + 60_000;
}

export const DEFAULT_ARCHIVE_RETENTION_DAYS = 30;
