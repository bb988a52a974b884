import { describe, expect, it } from "vitest";
import { accountNameSchema } from "./account";
import { displayNameProblem } from "./display-name";
import { projectNameSchema } from "./project";

describe("names shown to other people", () => {
  it.each([
    ["a format character (soft hyphen)", "Led\u00adger"],
    ["a word joiner", "Led\u2060ger"],
    ["an invisible times", "Ledger\u2062"],
    ["a tag character", "Ledger\u{E0041}"],
    ["a right-to-left override", "Ledger \u202egpj.exe"],
    ["a zero-width space", "Led\u200bger"],
    ["a ZWJ between Latin letters", "ad\u200dmin"],
    ["a ZWNJ between Latin letters", "ad\u200cmin"],
    ["a line separator", "Ledger\u2028Two"],
    ["a paragraph separator", "Ledger\u2029Two"],
    ["a Hangul filler", "Ledger\u3164"],
    ["a halfwidth Hangul filler", "\uffa0Ledger"],
    ["a C1 control", "Ledger\u0085"],
  ])("refuses %s", (_, name) => {
    expect(displayNameProblem(name)).not.toBeNull();
    expect(projectNameSchema.safeParse(name).success).toBe(false);
    expect(accountNameSchema.safeParse(name).success).toBe(false);
  });

  it.each([
    ["Persian with a ZWNJ", "می\u200cخواهم"],
    ["a Devanagari conjunct with a ZWJ", "क्\u200dष"],
    ["an emoji sequence", "Team 👩\u200d💻"],
    ["plain accents", "Café Müller"],
  ])("accepts %s", (_, name) => {
    expect(displayNameProblem(name)).toBeNull();
    expect(accountNameSchema.safeParse(name).success).toBe(true);
  });

  it("says which rule a refused project name broke", () => {
    const result = projectNameSchema.safeParse("Led\u2060ger");
    expect(result.error?.issues[0]?.message).toBe(
      "The name cannot contain invisible or text-direction characters.",
    );
  });
});
