/**
 * Quotes one word for bash: single quotes keep everything literal, and a single quote inside is
 * written as '\''. Used for catalogue values in setup.sh; user text never goes into shell scripts.
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellWords(words: string[]): string {
  return words.map(shellQuote).join(" ");
}
