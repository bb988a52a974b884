import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { isPlainIn11ButNotIn12, renderCompose } from "./render-compose";

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

  it("reads back every string near the edge of YAML's types as that string, in YAML 1.1 and 1.2", () => {
    // Every short string made of the pieces YAML's nulls, booleans and numbers are made of.
    const pieces =
      "0 1 7 9 . - + e E o x a F inf nan Inf NaN ~ null Null NULL true True false FALSE _ : y n".split(" ");
    pieces.push(" ");
    const samples = new Set<string>(["", ".5", "-.inf", "+.INF", ".NaN", "0o17", "0x1F", "1e3", "+1", "-0"]);
    for (const a of pieces) {
      samples.add(a);
      for (const b of pieces) {
        samples.add(a + b);
        for (const c of pieces) samples.add(a + b + c);
      }
    }
    const document = { values: [...samples] };
    const text = renderCompose(document);
    for (const version of ["1.1", "1.2"] as const) {
      const read = (YAML.parse(text, { version }) as typeof document).values;
      expect(read.filter((value, index) => value !== document.values[index])).toEqual([]);
    }
    expect(isPlainIn11ButNotIn12("0o17")).toBe(true);
    expect(isPlainIn11ButNotIn12("yes")).toBe(false);
    expect(isPlainIn11ButNotIn12("postgres:17.2-alpine")).toBe(false);
  });
});
