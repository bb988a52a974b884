import "server-only";
import { lstat, readdir, readFile, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/** What goes into a project's zip, by its path inside the folder (always with "/"). */
export type FolderEntry =
  | { kind: "directory"; path: string; mode: number; mtime: Date }
  | { kind: "file"; path: string; mode: number; mtime: Date; size: number }
  | { kind: "symlink"; path: string; mode: number; mtime: Date; target: string };

/** A path that was left out for a reason the user should read (ignored paths are not listed). */
export type LeftOut = { path: string; reason: string };

type IgnoreRules = { base: string; rules: Ignore };

// A name unzip programs could read as a path, or that no terminal shows as it is.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSAFE_NAME = /[\\\u0000-\u001f\u007f]/;

/**
 * The project's folder as its zip holds it: every directory, file and link, without following links,
 * without what the project's .gitignore files ignore (installed packages, build output, the SQLite
 * file: the sources, not the running state) and without `.env` files unless `includeEnv`. A link is kept
 * only when its target stays inside the folder; a name that could escape on extraction is left out.
 * Both are listed in `leftOut`.
 */
export async function walkProjectFolder(
  root: string,
  options: { includeEnv: boolean; skip?: ReadonlySet<string> },
): Promise<{ entries: FolderEntry[]; leftOut: LeftOut[] }> {
  const entries: FolderEntry[] = [];
  const leftOut: LeftOut[] = [];

  async function walk(relativeDir: string, inherited: IgnoreRules[]): Promise<void> {
    const absoluteDir = path.join(root, relativeDir);
    const names = (await readdir(absoluteDir)).sort();
    const rules = names.includes(".gitignore")
      ? [
          ...inherited,
          {
            base: relativeDir,
            rules: ignore().add(await readFile(path.join(absoluteDir, ".gitignore"), "utf8")),
          },
        ]
      : inherited;
    for (const name of names) {
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      if (relative === ".git" || options.skip?.has(relative)) continue;
      if (UNSAFE_NAME.test(name)) {
        leftOut.push({
          path: JSON.stringify(relative),
          reason: "its name holds a backslash or a control character",
        });
        continue;
      }
      const stats = await lstat(path.join(root, relative));
      const isEnv = isEnvFile(name);
      if (!(isEnv && options.includeEnv) && (isEnv || isIgnored(rules, relative, stats.isDirectory())))
        continue;
      const base = { path: relative, mode: stats.mode, mtime: stats.mtime };
      if (stats.isDirectory()) {
        entries.push({ kind: "directory", ...base });
        await walk(relative, rules);
      } else if (stats.isFile()) {
        entries.push({ kind: "file", ...base, size: stats.size });
      } else if (stats.isSymbolicLink()) {
        const target = await readlink(path.join(root, relative));
        if (await staysInside(root, relative, target)) entries.push({ kind: "symlink", ...base, target });
        else
          leftOut.push({
            path: relative,
            reason: path.posix.isAbsolute(target)
              ? "a link to an absolute path"
              : `a link to ${target}, which does not lead to a file or folder inside the project`,
          });
      } else {
        leftOut.push({ path: relative, reason: "not a file, folder or link (a socket or a pipe)" });
      }
    }
  }

  await walk("", []);
  return { entries, leftOut };
}

/** `.env` and its variants (`.env.local`, …) anywhere: secrets; `.env.example` and the like are not. */
function isEnvFile(name: string): boolean {
  return name === ".env" || (name.startsWith(".env.") && !/\.(example|sample|template)$/.test(name));
}

/**
 * As git decides: the deepest .gitignore that says anything about the path wins, so a folder's
 * `!keep.log` brings back what its parent's `*.log` ignores.
 */
function isIgnored(rules: IgnoreRules[], relative: string, isDirectory: boolean): boolean {
  for (const { base, rules: ignoreRules } of [...rules].reverse()) {
    const inside = base ? relative.slice(base.length + 1) : relative;
    const verdict = ignoreRules.test(isDirectory ? `${inside}/` : inside);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * True when a link at `linkPath` leads inside the folder: its text, read alone, stays inside, and
 * so does the path it resolves to on disk, through every link on the way (a chain such as
 * `up -> ..` and `out -> up/../x` escapes only when followed). A link that leads nowhere is left
 * out too: where it would lead after unpacking cannot be checked.
 */
async function staysInside(root: string, linkPath: string, target: string): Promise<boolean> {
  if (path.posix.isAbsolute(target) || UNSAFE_NAME.test(target)) return false;
  const lexical = path.posix.normalize(path.posix.join(path.posix.dirname(linkPath), target));
  if (lexical === ".." || lexical.startsWith("../")) return false;
  const resolved = await realpath(path.join(root, linkPath)).catch(() => null);
  return resolved !== null && (resolved === root || resolved.startsWith(`${root}/`));
}
