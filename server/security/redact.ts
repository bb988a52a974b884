/** Replaces every occurrence of each secret in `text` (secrets shorter than 8 characters are not secrets we make). */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 8) result = result.split(secret).join("[redacted]");
  }
  return result;
}
