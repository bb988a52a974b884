import table from "./confusables.json";

/**
 * The UTS #39 skeleton of a string (section 4, "Confusable Detection"): two strings whose skeletons
 * are equal look alike, like "PayPal" with a Cyrillic "а" and "PayPal". The mapping is Unicode's own
 * confusables table (confusables.json; its version, date and source are in the file). A skeleton is
 * for comparing only, never for showing.
 */
const PROTOTYPE = new Map<string, string>(
  Object.entries((table as { mappings: Record<string, string> }).mappings).map(([source, target]) => [
    String.fromCodePoint(parseInt(source, 16)),
    String.fromCodePoint(...target.split(" ").map((hex) => parseInt(hex, 16))),
  ]),
);

export const CONFUSABLES_UNICODE_VERSION = (table as { unicodeVersion: string }).unicodeVersion;

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

export function skeleton(text: string): string {
  let mapped = "";
  for (const char of text.normalize("NFD").replace(IGNORABLE, "")) {
    mapped += PROTOTYPE.get(char) ?? char;
  }
  return mapped.normalize("NFD");
}

/** True when the two look alike but are not the same text. */
export function areConfusable(a: string, b: string): boolean {
  return a !== b && skeleton(a) === skeleton(b);
}
