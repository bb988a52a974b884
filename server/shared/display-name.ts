/**
 * What a name shown to other people may contain, for project and account names alike: one line,
 * and nothing that is invisible or changes how the text around it is shown, so that a name cannot
 * pose as another or hide text (issue 23). Shared by the forms and the API.
 */

// Controls, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SEPARATOR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// Hangul fillers render as blank space.
const HANGUL_FILLER = /[\u115f\u1160\u3164\uffa0]/u;
// Every format character (bidirectional controls, zero-width space, word joiner, BOM, tag
// characters, ...), but for the two joiners where writing needs them (checked below).
const FORMAT = /\p{Cf}/u;
const ZWNJ = "\u200c";
const ZWJ = "\u200d";

/**
 * ZWNJ between two letters of a script other than Latin (Persian, Indic scripts), ZWJ after an
 * emoji or a combining mark such as a virama (emoji sequences, Indic conjuncts); anywhere else a
 * joiner is only an invisible difference.
 */
function joinerIsWriting(text: string, index: number): boolean {
  const before = [...text.slice(0, index)].at(-1) ?? "";
  const after = [...text.slice(index + 1)][0] ?? "";
  if (text[index] === ZWNJ)
    return /[\p{L}\p{M}]/u.test(before) && /\p{L}/u.test(after) && !/\p{Script=Latin}/u.test(before + after);
  return /[\p{Extended_Pictographic}\p{M}]/u.test(before) && /[\p{Extended_Pictographic}\p{L}]/u.test(after);
}

/** Why `name` cannot be used as a name, or null. */
export function displayNameProblem(name: string): string | null {
  if (CONTROL_OR_SEPARATOR.test(name)) return "cannot contain control characters or line breaks";
  if (HANGUL_FILLER.test(name)) return "cannot contain blank filler characters";
  let index = 0;
  // By code point: tag characters lie beyond U+FFFF.
  for (const char of name) {
    const at = index;
    index += char.length;
    if (!FORMAT.test(char)) continue;
    if ((char === ZWNJ || char === ZWJ) && joinerIsWriting(name, at)) continue;
    return "cannot contain invisible or text-direction characters";
  }
  return null;
}
