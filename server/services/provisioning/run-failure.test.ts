import { mkdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error";
import { folderError } from "./project-folder";
import { describeFailure, GeneratedFileCheckError, inStep, StepError, StepTimeoutError } from "./run-failure";

/** The error a real file system call gives, for the classifier. */
async function realFileSystemError(): Promise<unknown> {
  // /proc refuses new folders even to root.
  return mkdir("/proc/launchpad-cannot-be-here").then(
    () => new Error("mkdir in /proc succeeded"),
    (error: unknown) => error,
  );
}

describe("describeFailure", () => {
  it("names the step a tagged error came from, and calls a refusal of the file system the environment's", async () => {
    const thrown = await inStep("write", async () => {
      throw folderError(await realFileSystemError(), "write the project files", "/proc");
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(StepError);
    const failure = describeFailure(thrown);
    expect(failure).toMatchObject({ step: "write", fault: "environment" });
    expect(failure.reason).toMatch(/^Could not write the project files \(\/proc\): /);
    expect(failure.advice).not.toBe("");
  });

  it("says what to do for each refusal it knows", () => {
    const advice = (code: string) =>
      describeFailure(
        new StepError("write", folderError(Object.assign(new Error(code), { code }), "write", "/x")),
      ).advice;
    expect(advice("ENOSPC")).toMatch(/Free space/);
    expect(advice("EROFS")).toMatch(/read-write/);
    expect(advice("EACCES")).toMatch(/write access/);
    expect(advice("EIO")).toMatch(/writable folder/);
  });

  it("calls a generated file's failed check Launchpad's own fault and never tells the user to fix it", () => {
    const failure = describeFailure(
      new StepError("check", new GeneratedFileCheckError("setup.sh is broken.")),
    );
    expect(failure).toMatchObject({ step: "check", fault: "launchpad", reason: "setup.sh is broken." });
    expect(failure.advice).not.toMatch(/fix the cause|re-provision/i);
  });

  it("calls a timeout the environment's, and an unknown error Launchpad's without repeating its text", () => {
    expect(describeFailure(new StepError("check", new StepTimeoutError(1500)))).toMatchObject({
      fault: "environment",
      reason: "Provisioning timed out after 1.5 s",
    });
    const unknown = describeFailure(new StepError("plan", new TypeError("x is undefined at secret.ts:12")));
    expect(unknown).toMatchObject({ step: "plan", fault: "launchpad" });
    expect(unknown.reason).not.toMatch(/secret\.ts/);
  });

  it("keeps a typed error's own words and its environment fault: a file in the way, a full port range", () => {
    expect(
      describeFailure(
        new StepError("folder", new AppError("UNSAFE_PATH", "A file named projects/x is in the way.")),
      ),
    ).toMatchObject({
      step: "folder",
      fault: "environment",
      reason: "A file named projects/x is in the way.",
    });
    expect(
      describeFailure(new StepError("ports", new AppError("PORT_RANGE_EXHAUSTED", "No free host port."))),
    ).toMatchObject({ step: "ports", fault: "environment" });
  });
});
