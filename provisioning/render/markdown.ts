/**
 * Text typed by users (project name and description) goes into the generated README as plain text:
 * every character Markdown or HTML could read as syntax is backslash-escaped, so the text cannot add
 * headings, links, HTML or code blocks.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$^%@]/g, (char) => `\\${char}`);
}

/** A multi-line text as a quoted block: each line escaped and prefixed with "> ". */
export function markdownQuote(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
    .join("\n");
}
