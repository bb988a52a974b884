"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";

/**
 * Who owns the project and, for the owner and admins, handing it to another member or admin. The
 * hand-over is asked twice (choose, then confirm) because an owner who is not an admin loses the
 * right to change the project at once; it is audited on the server.
 */
export function ProjectOwnership({
  slug,
  ownerName,
  canTransfer,
  transferLosesAccess,
}: {
  slug: string;
  ownerName: string | null;
  canTransfer: boolean;
  /** True when the one handing over is the owner and not an admin. */
  transferLosesAccess: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [newOwnerId, setNewOwnerId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const candidates = useQuery({ ...trpc.project.transferCandidates.queryOptions({ slug }), enabled: open });
  const transfer = useMutation(
    trpc.project.transferOwnership.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setConfirming(false);
        void queryClient.invalidateQueries({ queryKey: trpc.audit.project.queryKey({ slug }) });
        void queryClient.invalidateQueries({ queryKey: trpc.project.transferCandidates.queryKey({ slug }) });
        // The owner line and who may change the project are rendered on the server.
        router.refresh();
      },
    }),
  );
  const chosen = candidates.data?.find((candidate) => candidate.id === newOwnerId);

  useEffect(() => {
    if (open && candidates.data) selectRef.current?.focus();
  }, [open, candidates.data]);
  useEffect(() => {
    if (transfer.isSuccess) resultRef.current?.focus();
  }, [transfer.isSuccess]);

  // Cancelling puts focus back on the button that opened the form, once it is shown again.
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      openButtonRef.current?.focus();
    }
  }, [open]);
  const close = () => {
    refocus.current = true;
    setOpen(false);
    setConfirming(false);
  };

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">Owner: {ownerName ?? "nobody yet"}</p>
      {transfer.isSuccess && (
        <div ref={resultRef} tabIndex={-1}>
          <Alert tone="success">{transfer.data.ownerName} now owns this project.</Alert>
        </div>
      )}
      {canTransfer && !open && (
        <Button
          ref={openButtonRef}
          variant="secondary"
          onClick={() => {
            transfer.reset();
            setOpen(true);
          }}
        >
          Hand over to someone else
        </Button>
      )}
      {open && (
        <div className="max-w-md space-y-3 rounded-md border border-slate-200 bg-white p-4">
          {candidates.isPending && <p className="text-sm text-slate-600">Loading members…</p>}
          {candidates.isError && <Alert tone="error">{errorMessage(candidates.error)}</Alert>}
          {candidates.data && candidates.data.length === 0 && (
            <p className="text-sm text-slate-600">There is no other active member or admin to hand it to.</p>
          )}
          {candidates.data && candidates.data.length > 0 && (
            <div className="space-y-1">
              <label htmlFor="new-owner" className="block text-sm font-medium">
                New owner
              </label>
              <select
                id="new-owner"
                ref={selectRef}
                value={newOwnerId}
                disabled={confirming}
                onChange={(event) => setNewOwnerId(event.target.value)}
                className="min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                <option value="">Choose a member or admin</option>
                {candidates.data.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.email ? `${candidate.name} (${candidate.email})` : candidate.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {transfer.isError && <Alert tone="error">{errorMessage(transfer.error)}</Alert>}
          {confirming && chosen ? (
            <div role="group" aria-label="Confirm the hand-over" className="space-y-2">
              <p className="text-sm">
                Hand this project to {chosen.name}?
                {transferLosesAccess &&
                  " You will no longer be able to change it, re-provision it or see its password."}
              </p>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="danger"
                  aria-disabled={transfer.isPending}
                  onClick={() => {
                    if (!transfer.isPending) transfer.mutate({ slug, newOwnerId: chosen.id });
                  }}
                >
                  Yes, hand it over
                </Button>
                <Button variant="secondary" onClick={close}>
                  Keep it
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button disabled={!chosen} onClick={() => setConfirming(true)}>
                Hand over
              </Button>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
