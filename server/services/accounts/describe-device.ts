import "server-only";
import Bowser from "bowser";

/**
 * "Firefox 133 on Ubuntu", from a browser's user-agent string, for the account page's sessions. The
 * parsing is Bowser's, which keeps up with new browsers; a string it cannot read is shown as
 * "Unknown browser" rather than raw, since raw strings are long and alike.
 */
export function describeDevice(userAgent: string | null): { browser: string; system: string } {
  if (!userAgent) return { browser: "Unknown browser", system: "unknown system" };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name
    ? [parsed.browser.name, major].filter(Boolean).join(" ")
    : "Unknown browser";
  const system = parsed.os.name
    ? [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(" ")
    : "unknown system";
  return { browser, system };
}
