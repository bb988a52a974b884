import { readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { Launcher } from "./launcher";

/**
 * The body limit counts bytes as they stream, chunked uploads included, and stops reading at 64 KiB:
 * ten 250 MB uploads at once leave the server's memory flat. This spec runs its own launcher so that
 * its memory is measured alone.
 */
const port = Number(process.env.E2E_PORT ?? 3210) + 4;
const DATA_DIR = "test-results/e2e-limits-data";
const UPLOAD_BYTES = 250 * 1024 * 1024;
const UPLOADS = 10;

/** Resident memory of every process in the launcher's process group, in bytes. */
async function groupRss(groupId: number): Promise<number> {
  let total = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue; // field 5 of stat: the process group
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Streams up to `bytes` as a chunked body; resolves with the status, or "reset" if cut before one. */
function chunkedUpload(bytes: number): Promise<{ status: number | "reset"; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const finish = (status: number | "reset") => {
      if (settled) return;
      settled = true;
      resolve({ status, sent });
    };
    const request = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/trpc/project.create",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      finish(response.statusCode ?? 0);
      response.resume();
      request.destroy();
    });
    request.on("error", () => finish("reset"));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!settled && sent < bytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!settled) request.end();
    };
    pump();
  });
}

test("ten oversized chunked uploads at once get 413 after 64 KiB, and memory stays flat", async () => {
  test.setTimeout(180_000);
  await rm(DATA_DIR, { recursive: true, force: true });
  const launcher = new Launcher(port, {
    LAUNCHPAD_DATA_DIR: DATA_DIR,
    PROJECTS_DIR: "test-results/e2e-projects",
  });
  await launcher.start();
  try {
    const group = launcher.processGroup();
    // Warm the API route so that its first compile is not counted as upload memory.
    await fetch(`${launcher.baseURL}/api/trpc/project.list`);
    const before = await groupRss(group);
    let peak = before;
    const sampler = setInterval(() => {
      void groupRss(group).then((rss) => (peak = Math.max(peak, rss)));
    }, 50);
    const results = await Promise.all(Array.from({ length: UPLOADS }, () => chunkedUpload(UPLOAD_BYTES)));
    clearInterval(sampler);
    peak = Math.max(peak, await groupRss(group));

    const growthMb = (peak - before) / 1024 / 1024;
    console.log(
      JSON.stringify({
        figure: "peak_rss_under_oversized_uploads",
        uploads: UPLOADS,
        upload_mb: UPLOAD_BYTES / 1024 / 1024,
        rss_before_mb: Math.round(before / 1024 / 1024),
        rss_peak_mb: Math.round(peak / 1024 / 1024),
        growth_mb: Math.round(growthMb),
      }),
    );
    for (const result of results) {
      // The server answers 413 and closes the connection. A client still writing may see the
      // close (a TCP reset) before it reads the answer: both are a refusal.
      expect([413, "reset"]).toContain(result.status);
      // The server stopped the upload long before its end.
      expect(result.sent).toBeLessThan(UPLOAD_BYTES / 10);
    }
    expect(results.filter((result) => result.status === 413).length).toBeGreaterThan(0);
    expect(growthMb).toBeLessThan(150);
    // And it still serves.
    expect((await fetch(launcher.baseURL)).status).toBe(200);
  } finally {
    await launcher.stop();
  }
});
