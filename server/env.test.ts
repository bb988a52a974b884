import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("takes an empty variable as unset (Compose passes ${NAME:-} through as an empty string)", () => {
    const parsed = parseEnv({ NODE_ENV: "test", LAUNCHPAD_SECRET_KEY: "", DATABASE_URL: "", PORT: "" });
    expect(parsed.LAUNCHPAD_SECRET_KEY).toBeUndefined();
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.PORT).toBe(3000);
  });

  it("still refuses a malformed value, naming the variable", () => {
    expect(() => parseEnv({ NODE_ENV: "test", LAUNCHPAD_SECRET_KEY: "short" })).toThrow(
      /LAUNCHPAD_SECRET_KEY: must be 32 bytes/,
    );
  });
});
