import { readFileSync } from "node:fs";

/** The Debian mirror this machine's apt uses, for debootstrap (the stand-in images, the Python root). */
export function debianMirror(): string {
  try {
    const sources = readFileSync("/etc/apt/sources.list.d/debian.sources", "utf8");
    return /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? "http://deb.debian.org/debian";
  } catch {
    return "http://deb.debian.org/debian";
  }
}
