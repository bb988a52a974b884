import "server-only";
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { FolderEntry } from "./walk-project-folder";

/** A file the zip adds that is not read from the folder (.env.example, the README with its note). */
export type AddedFile = { path: string; mode: number; content: () => Promise<string> };

/**
 * Streams a zip of `entries` (read from `root` one file at a time, when the zip reaches them) and then
 * `added`, all under the folder `prefix`/. Memory stays flat whatever the folder's size: yazl holds
 * one file's stream at a time (docs/decisions/027-project-download.md). Modes are kept (setup.sh 0755,
 * .env 0600), links are stored as links. `added` files are produced last, when the zip reaches them,
 * so their `content` can check that nothing changed the folder meanwhile: if it throws, the stream
 * fails before the zip's central directory is written, and no complete zip ever leaves.
 */
export function zipProject(options: {
  root: string;
  prefix: string;
  entries: FolderEntry[];
  added: AddedFile[];
}): Readable {
  const { root, prefix } = options;
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  zip.on("error", (error: Error) => output.destroy(error));
  zip.addEmptyDirectory(prefix, { mode: 0o40755 });
  for (const entry of options.entries) {
    const name = `${prefix}/${entry.path}`;
    if (entry.kind === "directory") {
      zip.addEmptyDirectory(name, { mode: entry.mode, mtime: entry.mtime });
    } else if (entry.kind === "symlink") {
      zip.addBuffer(Buffer.from(entry.target), name, {
        mode: entry.mode,
        mtime: entry.mtime,
        compress: false,
      });
    } else {
      zip.addReadStreamLazy(name, { mode: entry.mode, mtime: entry.mtime, size: entry.size }, (callback) => {
        openInside(root, entry.path).then(
          (stream) => callback(null, stream),
          (error: Error) => callback(error, undefined as never),
        );
      });
    }
  }
  const now = new Date();
  for (const file of options.added) {
    zip.addReadStreamLazy(`${prefix}/${file.path}`, { mode: file.mode, mtime: now }, (callback) => {
      file.content().then(
        (text) => callback(null, Readable.from([Buffer.from(text)])),
        (error: Error) => callback(error, undefined as never),
      );
    });
  }
  zip.end();
  return output;
}

/**
 * Opens a file the walk found, refusing a link put in its place since (O_NOFOLLOW) and a folder on
 * its way that became a link out of the project.
 */
async function openInside(root: string, relative: string): Promise<Readable> {
  const absolute = path.join(root, relative);
  const folder = await realpath(path.dirname(absolute));
  if (folder !== root && !folder.startsWith(`${root}/`))
    throw new Error(`${relative} is no longer inside the project folder.`);
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new Error(`${relative} is no longer a file.`);
  }
  return handle.createReadStream();
}
