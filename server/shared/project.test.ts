import { describe, expect, it } from "vitest";
import { projectNameSchema } from "./project";

describe("project names and invisible characters", () => {
  const refused = {
    "right-to-left override (gpj.exe shown as exe.jpg)": "Invoice \u202Egpj.exe",
    "left-to-right embedding": "Report \u202Aone",
    "pop directional formatting": "Report one\u202C",
    "first strong isolate": "Team \u2068x\u2069",
    "right-to-left mark": "Shop\u200F app",
    "left-to-right mark": "Shop\u200E app",
    "Arabic letter mark": "Shop\u061C app",
    "zero-width space": "Pay\u200Bpal",
    "byte order mark": "Sh\uFEFFop",
  };
  for (const [what, name] of Object.entries(refused)) {
    it(`refuses a ${what}`, () => {
      const result = projectNameSchema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        "The name cannot contain invisible or text-direction characters.",
      );
    });
  }

  const kept = {
    "Persian with a zero-width non-joiner": "می\u200Cخواهم app",
    "an emoji sequence with zero-width joiners": "\u{1F469}\u200D\u{1F4BB} Dev team",
    "Devanagari with a zero-width joiner": "क्\u200Dष v2",
  };
  for (const [what, name] of Object.entries(kept)) {
    it(`keeps ${what}`, () => {
      expect(projectNameSchema.parse(name)).toBe(name.normalize("NFC"));
    });
  }
});
