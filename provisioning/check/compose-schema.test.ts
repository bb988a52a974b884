import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { composeSchemaErrors } from "./compose-schema";

describe("composeSchemaErrors", () => {
  it("accepts Launchpad's own docker-compose.yml", async () => {
    expect(await composeSchemaErrors(path.resolve("docker-compose.yml"))).toEqual([]);
  });

  it("reports a file that breaks the Compose Specification", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "compose-"));
    const file = path.join(dir, "docker-compose.yml");
    await writeFile(
      file,
      "services:\n  web:\n    image: nginx\n    restart: sometimes-maybe\n    not_a_key: 1\n",
    );
    expect(await composeSchemaErrors(file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/services\/web must NOT have additional properties/)]),
    );
  });
});
