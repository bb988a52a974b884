"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { TableRegion } from "~/app/_components/ui/table-region";

/**
 * The invites that can still be accepted: role, bound email, who made it and until when, each with
 * Revoke (asked twice: a revoked link cannot be brought back). Links themselves are not shown: only
 * their hashes are stored.
 */
export function OpenInvites() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.admin.invites.queryOptions());
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.admin.revokeInvite.mutationOptions({
      onSettled: () => {
        setConfirming(null);
        return queryClient.invalidateQueries({ queryKey: trpc.admin.invites.queryKey() });
      },
    }),
  );

  return (
    <section aria-labelledby="open-invites-heading" className="space-y-3">
      <h2 id="open-invites-heading" className="text-lg font-medium">
        Open invites
      </h2>
      {invites.isError && <Alert tone="error">{errorMessage(invites.error)}</Alert>}
      {revoke.error && <Alert tone="error">{errorMessage(revoke.error)}</Alert>}
      {invites.data?.length === 0 && <p className="text-sm text-slate-600">No invite is open.</p>}
      {invites.data && invites.data.length > 0 && (
        <TableRegion label="Open invites">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Open invites</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  For
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Made by
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Expires
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.data.map((invite) => {
                const who = invite.email ?? "anyone with the link";
                return (
                  <tr key={invite.id} className="border-t border-slate-100">
                    <td className="px-4 py-2">{invite.role}</td>
                    <td className="px-4 py-2">{who}</td>
                    <td className="px-4 py-2">{invite.createdBy.email}</td>
                    <td className="px-4 py-2 whitespace-nowrap">{invite.expiresAt.toLocaleString()}</td>
                    <td className="px-4 py-2 text-right whitespace-nowrap">
                      {confirming === invite.id ? (
                        <span className="inline-flex items-center gap-2">
                          <span>Revoke for good?</span>
                          <Button
                            variant="danger"
                            aria-disabled={revoke.isPending}
                            onClick={() => {
                              if (!revoke.isPending) revoke.mutate({ inviteId: invite.id });
                            }}
                          >
                            Yes, revoke
                          </Button>
                          <Button variant="secondary" onClick={() => setConfirming(null)}>
                            Keep
                          </Button>
                        </span>
                      ) : (
                        <Button variant="secondary" onClick={() => setConfirming(invite.id)}>
                          Revoke
                          <span className="sr-only">
                            {" "}
                            the {invite.role} invite for {who}
                          </span>
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
