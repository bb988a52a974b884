import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "./app-error";

describe("isAppError", () => {
  it("knows an AppError made by another copy of this module by its name and code", () => {
    // What an AppError thrown by the launcher's copy looks like to the Next.js bundle's copy.
    const fromOtherCopy = Object.assign(new Error("Too many requests, try again in a few seconds."), {
      name: "AppError",
      code: "TOO_MANY_ATTEMPTS",
    });
    expect(fromOtherCopy).not.toBeInstanceOf(AppError);
    expect(isAppError(fromOtherCopy)).toBe(true);
    expect(isAppError(fromOtherCopy, "TOO_MANY_ATTEMPTS")).toBe(true);
    expect(isAppError(fromOtherCopy, "FORBIDDEN")).toBe(false);
  });

  it("refuses look-alikes without a known code, and plain errors", () => {
    expect(isAppError(Object.assign(new Error("x"), { name: "AppError", code: "NO_SUCH_CODE" }))).toBe(false);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ name: "AppError", code: "FORBIDDEN" })).toBe(false);
    expect(isAppError(new AppError("FORBIDDEN", "no"))).toBe(true);
  });
});
