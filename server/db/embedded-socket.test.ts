import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";

/** Every file and folder under `dir`, with its permission bits. */
async function modes(dir: string): Promise<Array<{ file: string; mode: number; isDirectory: boolean }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile() || entry.isDirectory())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { file, mode: (await stat(file)).mode & 0o777, isDirectory: entry.isDirectory() };
      }),
  );
}

/** TCP ports this process listens on, from /proc/net/tcp{,6} (Linux). */
async function listeningTcpInodes(): Promise<Set<string>> {
  const { readFile } = await import("node:fs/promises");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A" && fields[9]) inodes.add(fields[9]); // 0A = LISTEN
    }
  }
  return inodes;
}

async function ownSocketInodes(): Promise<Set<string>> {
  const { readdir: list, readlink } = await import("node:fs/promises");
  const inodes = new Set<string>();
  for (const fd of await list("/proc/self/fd")) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => "");
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

describe("the embedded database's door", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("listens on a Unix socket in a 0700 data folder with 0600 files, and on no TCP port", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "launchpad-door-"));
    dirs.push(parent);
    const dataDir = path.join(parent, "data");
    const tcpBefore = await listeningTcpInodes();
    const db = await startEmbeddedDatabase({ dataDir });
    try {
      const url = new URL(db.url);
      expect(url.searchParams.get("host")).toBe(dataDir);
      const socket = path.join(dataDir, ".s.PGSQL.5432");
      expect((await stat(socket)).isSocket()).toBe(true);

      // It works through that socket...
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query("CREATE TABLE door_check (id int)");
      await client.query("INSERT INTO door_check VALUES (1)");
      await client.end();

      // ...and nothing of this process listens on TCP for it.
      const own = await ownSocketInodes();
      const newListeners = [...(await listeningTcpInodes())].filter(
        (inode) => !tcpBefore.has(inode) && own.has(inode),
      );
      expect(newListeners).toEqual([]);

      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      const loose = (await modes(dataDir)).filter((entry) =>
        entry.isDirectory ? entry.mode !== 0o700 : entry.mode !== 0o600,
      );
      expect(loose).toEqual([]);
    } finally {
      await db.stop();
    }
  });

  it("in memory, uses a private socket folder of its own and removes it at stop", async () => {
    const db = await startEmbeddedDatabase();
    const socketDir = new URL(db.url).searchParams.get("host") ?? "";
    try {
      expect(path.isAbsolute(socketDir)).toBe(true);
      expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await db.stop();
    }
    await expect(stat(socketDir)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
