/**
 * Writes server/security/confusables/confusables.json: the UTS #39 confusables table (Unicode 16.0.0),
 * taken from ICU 76.1's copy of Unicode's confusables.txt in Debian's source tarball of ICU, which
 * this machine can reach (unicode.org cannot be). The tarball is checked against its SHA-256 before
 * anything is read from it. Run it again, with a new URL and hash, to move to a newer Unicode.
 *
 *   npm run confusables:generate
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { CONFUSABLES_FILE, type ConfusablesTable } from "../security/confusables/table";

const SOURCE = {
  url: "http://deb.debian.org/debian/pool/main/i/icu/icu_76.1.orig.tar.gz",
  sha256: "dfacb46bfe4747410472ce3e1144bf28a102feeaa4e3875bac9b4c6cf30f4f3e",
  member: "icu/source/data/unidata/confusables.txt",
};

async function main() {
  const response = await fetch(SOURCE.url);
  if (!response.ok) throw new Error(`${SOURCE.url}: HTTP ${response.status}`);
  const tarball = Buffer.from(await response.arrayBuffer());
  const sha256 = createHash("sha256").update(tarball).digest("hex");
  if (sha256 !== SOURCE.sha256)
    throw new Error(`${SOURCE.url}: SHA-256 ${sha256}, expected ${SOURCE.sha256}`);
  const { stdout: text } = await execa("tar", ["-xzOf", "-", SOURCE.member], { input: tarball });

  const version = /^# Version: (\S+)/m.exec(text)?.[1];
  const date = /^# Date: (.+)$/m.exec(text)?.[1];
  if (!version || !date) throw new Error(`${SOURCE.member} has no Version or Date line`);
  const mappings: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const data = line.replace(/#.*/, "").trim();
    if (!data) continue;
    const [source, target] = data.split(";").map((field) => field.trim());
    if (!source || !target || !/^[0-9A-F]{4,6}$/.test(source) || !/^[0-9A-F ]+$/.test(target)) {
      throw new Error(`${SOURCE.member}: cannot read the line "${line}"`);
    }
    mappings[source] = target;
  }
  const table: ConfusablesTable = {
    unicodeVersion: version,
    date,
    source: `${SOURCE.url} (${SOURCE.member}, sha256 of the tarball ${SOURCE.sha256})`,
    mappings,
  };
  await writeFile(CONFUSABLES_FILE, `${JSON.stringify(table, null, 1)}\n`);
  console.log(
    `${path.relative(process.cwd(), CONFUSABLES_FILE)}: ${Object.keys(mappings).length} mappings, Unicode ${version}`,
  );
}

await main();
