"use client";

import { useModalDialog } from "~/app/_components/use-modal-dialog";
import { RunFailureDetails } from "~/app/_components/run-failure-details";
import { Button } from "~/app/_components/ui/button";
import type { RouterOutputs } from "~/app/_trpc/router-types";

type Failure = NonNullable<RouterOutputs["interview"]["saveStack"]["provisioning"]["failure"]>;

/**
 * Said where the user is when the stack was saved but its provisioning failed: the stack is kept,
 * the step and reason of the failure, and what fixes it. A native modal <dialog>, like the
 * credentials dialog: focus moves into it, Esc closes it and focus returns to the Save button.
 */
export function ProvisioningFailedDialog({
  attempt,
  failure,
  onOpenProject,
  onClose,
}: {
  attempt: number | null;
  failure: Failure;
  onOpenProject: () => void;
  onClose: () => void;
}) {
  const dialogRef = useModalDialog();

  return (
    <dialog
      ref={dialogRef}
      onClose={onClose}
      aria-labelledby="provisioning-failed-title"
      aria-describedby="provisioning-failed-summary"
      className="m-auto w-full max-w-2xl rounded-xl border border-rose-200 p-0 shadow-2xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-6">
        <h2 id="provisioning-failed-title" className="text-xl font-semibold text-rose-900">
          The stack is saved, but provisioning failed
        </h2>
        <p id="provisioning-failed-summary" className="text-slate-700">
          Your answers are saved as the project&apos;s stack. The provisioning run
          {attempt ? ` #${attempt}` : ""} that followed failed; the project page keeps it in the history.
        </p>
        <div className="rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950">
          <RunFailureDetails failure={failure} canManage />
        </div>
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            Stay here
          </Button>
          <Button onClick={onOpenProject}>See the run on the project page</Button>
        </div>
      </div>
    </dialog>
  );
}
