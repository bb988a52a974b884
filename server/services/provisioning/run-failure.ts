import "server-only";
import { isAppError } from "../../errors/app-error";
import { UnknownTechnologyError } from "../../../provisioning/plan/choose-technologies";
import { timeoutMessage } from "./check-setup-script";

/**
 * Why a provisioning run failed, in the terms its reader needs: the step it stopped at, whose fault
 * it was, and what fixes it. A failure is either the environment's (the disk, permissions, a file in
 * the way, the port range, a slow machine: someone can fix it and re-provision) or Launchpad's own
 * (a generated file failed Launchpad's own check, or an unexpected error: re-provisioning fails the
 * same way, so the page must not suggest "fix the cause").
 */

/** The steps of a run, in order (server/services/provisioning/provision-project.ts). */
export const PROVISIONING_STEPS = {
  plan: "Planning the project",
  ports: "Reserving host ports",
  credentials: "Creating the database credentials",
  folder: "Finding the project folder",
  write: "Writing the files",
  check: "Checking the generated files",
  commit: "Moving the files into the project folder",
  record: "Recording the run",
  interrupted: "Running",
} as const;
export type ProvisioningStep = keyof typeof PROVISIONING_STEPS;

export const FAILURE_FAULTS = ["environment", "launchpad"] as const;
export type FailureFault = (typeof FAILURE_FAULTS)[number];

export type RunFailure = {
  step: ProvisioningStep;
  fault: FailureFault;
  /** The sentence the user reads first; secrets are redacted by the caller before it is stored. */
  reason: string;
  /** What fixes it, said without naming a button: the page adds what the reader's role can do. */
  advice: string;
};

/** An error thrown while `step` was running: provisionProject tags each step's work with it. */
export class StepError extends Error {
  override readonly name = "StepError";
  constructor(
    readonly step: ProvisioningStep,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** The error a step threw, without the step's tag. */
export function unwrapStepError(error: unknown): unknown {
  return error instanceof StepError ? error.error : error;
}

/** Runs `work` as `step`: whatever it throws comes out as a StepError naming that step. */
export async function inStep<T>(step: ProvisioningStep, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof StepError ? error : new StepError(step, error);
  }
}

/** A check of a generated file refused it: the file is Launchpad's, so the fault is too. */
export class GeneratedFileCheckError extends Error {
  override readonly name = "GeneratedFileCheckError";
}

/** A step ran out of the configured time: the machine was too slow or too busy. */
export class StepTimeoutError extends Error {
  override readonly name = "StepTimeoutError";
  constructor(timeoutMs: number) {
    super(timeoutMessage(timeoutMs));
  }
}

const WRITE_ACCESS =
  "Give the user that runs Launchpad write access to the folder named in the reason (and remove an immutable attribute, chattr -R -i, if one is set).";

const FILE_SYSTEM_ADVICE: Record<string, string> = {
  EACCES: WRITE_ACCESS,
  EPERM: WRITE_ACCESS,
  ENOSPC: "Free space on the disk that holds the projects folder.",
  EDQUOT: "Free space in the disk quota of the user that runs Launchpad.",
  EROFS: "Mount the projects folder read-write.",
  ENOTDIR: "Move away the file that sits where the project needs a folder.",
};

const UNEXPECTED_REASON =
  "Provisioning failed unexpectedly: an error inside Launchpad. The server log has the details.";

/** Classifies what a run threw. Never rethrows; an unknown error is Launchpad's own fault. */
export function describeFailure(thrown: unknown): RunFailure {
  const step = thrown instanceof StepError ? thrown.step : "plan";
  const error = unwrapStepError(thrown);

  if (error instanceof GeneratedFileCheckError) {
    return {
      step,
      fault: "launchpad",
      reason: error.message,
      advice:
        "This is Launchpad's own fault, not yours: a file it generated failed its own check, and the folder was left as it was. Report it to whoever maintains this Launchpad, with the output below; running it again fails the same way until Launchpad is fixed.",
    };
  }
  if (error instanceof StepTimeoutError) {
    return {
      step,
      fault: "environment",
      reason: error.message,
      advice:
        "The server was too slow or too busy to finish the checks in time. Try again when it is less busy, or raise PROVISION_TIMEOUT_MS.",
    };
  }
  if (error instanceof UnknownTechnologyError) {
    return {
      step,
      fault: "launchpad",
      reason: error.message,
      advice:
        "Launchpad's catalogue offers a technology its provisioning engine does not know. Report it to whoever maintains this Launchpad.",
    };
  }
  if (isAppError(error)) {
    const errno = (error.cause as NodeJS.ErrnoException | undefined)?.code;
    switch (error.code) {
      case "PORT_RANGE_EXHAUSTED":
        return {
          step,
          fault: "environment",
          reason: error.message,
          advice: "An admin widens PROVISION_PORT_RANGE_START/END (or frees ports), then it can run again.",
        };
      case "UNSAFE_PATH":
        return {
          step,
          fault: "environment",
          reason: error.message,
          advice:
            "Something in the projects folder is in the way of the project's folder: move it away, as the reason says.",
        };
      case "SECRET_UNREADABLE":
        return {
          step,
          fault: "environment",
          reason: error.message,
          advice:
            "Launchpad's stored secrets cannot be read with its current key: start it with the LAUNCHPAD_SECRET_KEY the data was written with.",
        };
      case "PROVISIONING_FAILED":
        if (errno && errno in FILE_SYSTEM_ADVICE) {
          return { step, fault: "environment", reason: error.message, advice: FILE_SYSTEM_ADVICE[errno]! };
        }
        return {
          step,
          fault: "environment",
          reason: error.message,
          advice: "Check the projects folder on the Launchpad server: it must be a writable folder.",
        };
      default:
        break;
    }
  }
  return {
    step,
    fault: "launchpad",
    // A typed error's message is written for the user; anything else may say too much.
    reason: isAppError(error) ? error.message : UNEXPECTED_REASON,
    advice:
      "This is Launchpad's own fault, not yours. Report it to whoever maintains this Launchpad, with the time of the run; the server log has the details.",
  };
}

const RUN_AGAIN =
  "If it was moving files into the project folder, some may be new and some old: run it again.";

/** The failure recorded for a run that a stop or a crash of Launchpad left unfinished. */
export const INTERRUPTED_FAILURE: RunFailure = {
  step: "interrupted",
  fault: "environment",
  reason: "Interrupted: Launchpad stopped while this run was in progress.",
  advice: `Launchpad was stopped or restarted during the run. ${RUN_AGAIN}`,
};

/**
 * For a run whose instance stopped renewing its lease (killed, crashed, cut off from the database):
 * another instance, or the same one after a restart, fails it once the lease has run out.
 */
export const LEASE_EXPIRED_FAILURE: RunFailure = {
  step: "interrupted",
  fault: "environment",
  reason: "Interrupted: the Launchpad instance running it stopped before it finished.",
  advice: `That instance was stopped, crashed or lost its database connection during the run. ${RUN_AGAIN}`,
};

/** For a run still in flight when a graceful stop's wait ran out. */
export function stopTimeoutFailure(waitedSeconds: number): RunFailure {
  return {
    step: "interrupted",
    fault: "environment",
    reason: `Interrupted: Launchpad was being stopped and this run did not finish within the ${waitedSeconds} s it waits for runs in flight.`,
    advice: `Someone stopped or restarted this Launchpad instance. ${RUN_AGAIN}`,
  };
}
