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
 * one file's stream at a time (docs/decisions/027-preview-and-project-download.md). Modes are kept (setup.sh 0755,
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
  // The file being read: closed when the zip fails or the client goes away before the end.
  let reading: Readable | null = null;
  const fail = (error: Error) => {
    console.error(`Zipping projects/${prefix} stopped: ${error.message}`);
    output.destroy(error);
  };
  zip.on("error", fail);
  output.on("close", () => reading?.destroy());
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
      // No size given: yazl counts what it reads, so a file that grew since the walk is zipped whole.
      zip.addReadStreamLazy(name, { mode: entry.mode, mtime: entry.mtime }, (callback) => {
        openInside(root, entry.path).then(
          (stream) => {
            // yazl pipes the stream without an error listener: a read error must fail the zip, not the process.
            stream.on("error", fail);
            reading = stream;
            callback(null, stream);
          },
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
export async function openInside(root: string, relative: string): Promise<Readable> {
  const absolute = path.join(root, relative);
  const folder = await realpath(path.dirname(absolute));
  if (folder !== root && !folder.startsWith(`${root}/`))
    throw new Error(`${relative} is no longer inside the project folder.`);
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${relative} is no longer a file.`);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle.createReadStream();
}

/** A file of the folder as text, read as the zip reads files (no link followed); null when absent. */
export async function readInside(root: string, relative: string): Promise<string | null> {
  let stream: Readable;
  try {
    stream = await openInside(root, relative);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
