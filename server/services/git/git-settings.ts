import "server-only";
import { env } from "../../env";

/** How Launchpad runs git (server/env.ts): the program, the commits' author, the remote hosts allowed. */
export type GitSettings = {
  /** The git program; git on PATH when unset. */
  binary?: string;
  author: { name: string; email: string };
  /** Exact host names a remote may be on (LAUNCHPAD_GIT_REMOTE_HOSTS); none allows no remote. */
  remoteHosts: string[];
  /**
   * Tests only: a CA certificate git trusts for the remote (the tests' own https server on loopback).
   * Never set from the environment.
   */
  certificateAuthority?: string;
};

export const DEFAULT_GIT_SETTINGS: GitSettings = {
  author: { name: "Launchpad", email: "launchpad@localhost" },
  remoteHosts: [],
};

export function gitSettingsFromEnv(): GitSettings {
  const config = env();
  const [, name, email] = /^(.+) <(.+)>$/.exec(config.LAUNCHPAD_GIT_AUTHOR)!;
  return {
    binary: config.PROVISION_GIT,
    author: { name: name!, email: email! },
    remoteHosts: config.LAUNCHPAD_GIT_REMOTE_HOSTS,
  };
}
