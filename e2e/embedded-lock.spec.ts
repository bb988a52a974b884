import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Launcher } from "./launcher";

/**
 * The embedded database serves one instance (issue 25): a second Launchpad on the same data folder
 * stops at once with a message that names the first, and the first goes on serving with its data.
 */
const ROOT = path.resolve("test-results/e2e-embedded-lock");

test("a second Launchpad on the same embedded data folder stops at once and the first goes on", async () => {
  test.setTimeout(120_000);
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(path.join(ROOT, "projects"), { recursive: true });
  const env = { LAUNCHPAD_DATA_DIR: path.join(ROOT, "data"), PROJECTS_DIR: path.join(ROOT, "projects") };
  const first = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 30, env);
  const second = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 31, env);
  try {
    await first.start();
    const project = await first.call<{ slug: string }>(
      "project.create",
      { name: "Kept through a second start" },
      "mutation",
    );
    await expect(second.start()).rejects.toThrow(/exited with code 1/);
    expect(second.output).toMatch(
      /The embedded database in .+ is already open in another Launchpad \(host .+, process \d+\), possibly in another container\./,
    );
    const list = await first.call<{ items: { slug: string }[] }>("project.list", {}, "query");
    expect(list.items.map((entry) => entry.slug)).toContain(project.slug);
  } finally {
    await second.stop();
    await first.stop();
    await rm(ROOT, { recursive: true, force: true });
  }
});
