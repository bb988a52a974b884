import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFUSABLES_FILE, type ConfusablesTable } from "./table";
import { areConfusable, CONFUSABLES_UNICODE_VERSION, skeleton } from "./skeleton";

describe("the UTS #39 skeleton", () => {
  it("is computed from Unicode 16.0.0's confusables table, as committed with its source", async () => {
    const table = JSON.parse(await readFile(CONFUSABLES_FILE, "utf8")) as ConfusablesTable;
    expect(CONFUSABLES_UNICODE_VERSION).toBe("16.0.0");
    expect(table.date).toBe("2024-08-14, 23:39:57 GMT");
    expect(table.source).toContain("icu_76.1.orig.tar.gz");
    // confusables.txt 16.0.0 ends with "# total: 6355".
    expect(Object.keys(table.mappings)).toHaveLength(6355);
  });

  it("makes look-alikes from other scripts, digits and styled letters equal", () => {
    expect(skeleton("ℜ𝘂ᖯʏ")).toBe(skeleton("Ruby"));
    expect(areConfusable("PayPal", "P\u0430yPal")).toBe(true); // Cyrillic а
    expect(areConfusable("Michael", "Michae1")).toBe(true);
    expect(areConfusable("Shop", "Sh\u043Ep")).toBe(true); // Cyrillic о
    // Invisible characters are dropped before comparing (names refuse them anyway).
    expect(areConfusable("Shop", "Sh\u00ADop")).toBe(true);
  });

  it("keeps different names apart, and a name is not confusable with itself", () => {
    expect(areConfusable("Shop", "Shop")).toBe(false);
    expect(areConfusable("Shop", "Ship")).toBe(false);
    expect(areConfusable("Billing", "Billing v2")).toBe(false);
  });
});
