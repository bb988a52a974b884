import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { renderCompose } from "./render-compose";

describe("renderCompose", () => {
  it("writes every string so that YAML 1.1 and 1.2 readers both read it back as that string", () => {
    // "0o0" is the octal number 0 in YAML 1.2 only (found by the hostile-input property test);
    // "yes" and "1:30" are a boolean and a sexagesimal number in YAML 1.1 only.
    const document = {
      name: "0o0",
      services: { app: { labels: ["0o17", "0x1F", "yes", "1:30", "plain-name"] } },
    };
    const text = renderCompose(document);
    expect(text).toContain('name: "0o0"');
    expect(text).toContain("- plain-name");
    for (const version of ["1.1", "1.2"] as const) {
      expect(YAML.parse(text, { version })).toEqual(document);
    }
  });
});
