import type { RouterOutputs } from "~/app/_trpc/router-types";

type Failure = NonNullable<RouterOutputs["provisioning"]["history"]["runs"][number]["failure"]>;

/**
 * Why a run failed and who can fix it, worded for the reader's role: the owner and admins are told
 * to press Re-provision once the cause is gone; a viewer, who has no such button, is told who has.
 * A failure of Launchpad's own is said plainly, with no "fix the cause" for a cause nobody here has.
 */
export function RunFailureDetails({
  failure,
  canManage,
  archived = false,
}: {
  failure: Failure;
  canManage: boolean;
  /** An archived project is not re-provisioned until it is restored. */
  archived?: boolean;
}) {
  return (
    <div className="space-y-2">
      {failure.stepLabel && (
        <p>
          <span className="font-medium">Step that failed:</span> {failure.stepLabel}
        </p>
      )}
      <p>
        <span className="font-medium">Reason:</span> {failure.reason}
      </p>
      {failure.fault === "launchpad" ? (
        <p>
          <span className="font-medium">Who can fix it:</span> {failure.advice}
        </p>
      ) : (
        <p>
          <span className="font-medium">{failure.fault ? "What to do:" : "Who can fix it:"}</span>{" "}
          {failure.advice || "Launchpad did not record more about this older run than its reason."}{" "}
          {archived
            ? "The project is archived now: it is provisioned again only after a restore."
            : canManage
              ? "Then press Re-provision: your stack is saved."
              : "The project's owner or an admin can then re-provision it: the stack is saved."}
        </p>
      )}
    </div>
  );
}
