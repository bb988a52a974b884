"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "~/app/_components/copy-button";
import { useHydrated } from "~/app/_components/use-hydrated";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { ROLES, type Role } from "~/server/shared/account";
import { OpenInvites } from "./open-invites";
import { TableRegion } from "~/app/_components/ui/table-region";

/** Invites, roles, password reset links and deactivation, for admins. */
export function AccountsAdmin({ selfId }: { selfId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.queryOptions());
  // A role change or a deactivation may also withdraw the links that account made.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.invites.queryKey() }),
    ]);
  const [inviteRole, setInviteRole] = useState<Role>("member");
  const [inviteEmail, setInviteEmail] = useState("");
  // Every link made on this page stays listed: a new one does not hide the one before.
  const [madeLinks, setMadeLinks] = useState<
    { id: string; url: string; role: string; email: string | null; expiresAt: Date; madeAt: number }[]
  >([]);
  // The same query as the Open invites list: tells which links made here still work.
  const openInvites = useQuery(trpc.admin.invites.queryOptions());
  const invite = useMutation(
    trpc.admin.createInvite.mutationOptions({
      onSuccess: async (made) => {
        // A list fetch still in flight began before this link existed (the page's first fetch is
        // not cancelled by an invalidation): cancelled first, so that the list the new link is
        // checked against is one fetched after it was made, not one that shows it as gone.
        await queryClient.cancelQueries({ queryKey: trpc.admin.invites.queryKey() });
        setMadeLinks((links) => [{ ...made, madeAt: Date.now() }, ...links]);
        setInviteEmail("");
        // Not awaited: the mutation stays pending until onSuccess ends, and while it is pending the
        // new link is labelled as an earlier one (two "Earlier invite link"s, the e2e flake).
        void queryClient.invalidateQueries({ queryKey: trpc.admin.invites.queryKey() });
      },
    }),
  );
  // A new link takes focus on its Copy button, the next thing to do with it; the Create button it
  // came from is disabled while the link is made, which would otherwise leave focus nowhere.
  const newestCopyRef = useRef<HTMLButtonElement>(null);
  // Pressed before the page's script has loaded, the button would do nothing at all.
  const hydrated = useHydrated();
  const focusedLink = useRef<string | null>(null);
  const newestUrl = invite.isPending ? null : (madeLinks[0]?.url ?? null);
  useEffect(() => {
    if (newestUrl && focusedLink.current !== newestUrl) {
      focusedLink.current = newestUrl;
      newestCopyRef.current?.focus();
    }
  }, [newestUrl]);
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: refresh }));
  // Deactivation signs the person out at once: it is asked twice (the account, then "Yes").
  const [confirmingDeactivation, setConfirmingDeactivation] = useState<string | null>(null);
  const deactivate = useMutation(
    trpc.admin.deactivate.mutationOptions({
      onSuccess: () => {
        setConfirmingDeactivation(null);
        return refresh();
      },
    }),
  );
  const reactivate = useMutation(trpc.admin.reactivate.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.admin.createPasswordReset.mutationOptions());
  const failure =
    invite.error ?? reset.error ?? setRole.error ?? deactivate.error ?? reactivate.error ?? users.error;

  return (
    <div className="space-y-6">
      <section
        aria-labelledby="invite-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="invite-heading" className="text-lg font-medium">
          Invite someone
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <label className="space-y-1 text-sm">
            <span className="block font-medium">Role</span>
            <select
              value={inviteRole}
              onChange={(event) => setInviteRole(event.target.value as Role)}
              className="min-h-11 rounded-md border border-slate-300 px-3 py-2"
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm">
            <span className="block font-medium">Only for this email (optional)</span>
            <input
              type="email"
              value={inviteEmail}
              onChange={(event) => setInviteEmail(event.target.value)}
              placeholder="anyone with the link"
              className="min-h-11 rounded-md border border-slate-300 px-3 py-2"
            />
          </label>
          <Button
            onClick={() => invite.mutate({ role: inviteRole, email: inviteEmail })}
            disabled={invite.isPending || !hydrated}
          >
            Create invite link
          </Button>
        </div>
        {madeLinks.map((made, index) => {
          // While a new link is being made, the last one is no longer "the" link.
          const isNewest = index === 0 && !invite.isPending;
          // Revoked, withdrawn with its maker, used or expired: it is shown as dead, without Copy.
          // (A list fetched before the link was made cannot know it yet.)
          const isOpen =
            !openInvites.data ||
            openInvites.dataUpdatedAt < made.madeAt ||
            openInvites.data.some((open) => open.id === made.id);
          if (!isOpen) {
            return (
              <p key={made.url} className="text-sm text-slate-500">
                A {made.role} invite{made.email ? ` for ${made.email}` : ""} made here no longer works (used,
                revoked or expired).
              </p>
            );
          }
          return (
            <div key={made.url} className="space-y-1">
              <p className="text-sm text-slate-600">
                {isNewest ? "New: " : ""}a {made.role} invite{made.email ? ` for ${made.email}` : ""}, single
                use, valid until {made.expiresAt.toLocaleString()}. Send it yourself:
              </p>
              <div className="flex items-center gap-2">
                <code
                  aria-label={isNewest ? "Invite link" : "Earlier invite link"}
                  className="flex-1 font-mono text-sm break-all"
                >
                  {made.url}
                </code>
                <CopyButton
                  ref={isNewest ? newestCopyRef : undefined}
                  value={made.url}
                  label={isNewest ? "Copy the invite link" : "Copy an earlier invite link"}
                />
              </div>
            </div>
          );
        })}
      </section>
      <OpenInvites />
      {reset.data && (
        <section
          aria-labelledby="reset-heading"
          className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 p-4"
        >
          <h2 id="reset-heading" className="font-medium">
            Password reset link for {reset.data.email}
          </h2>
          <p className="text-sm text-slate-600">
            Single use, valid until {reset.data.expiresAt.toLocaleString()}; any older link for this account
            no longer works. Send it to them yourself: using it signs them out everywhere.
          </p>
          <div className="flex items-center gap-2">
            <code aria-label="Password reset link" className="flex-1 font-mono text-sm break-all">
              {reset.data.url}
            </code>
            <CopyButton value={reset.data.url} label="Copy the password reset link" />
          </div>
        </section>
      )}
      {failure && <Alert tone="error">{errorMessage(failure)}</Alert>}
      <TableRegion label="Accounts">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Accounts</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Email</th>
              <th className="px-4 py-2">Role</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((user) => (
              <tr key={user.id} className="border-t border-slate-100">
                <td className="px-4 py-2">{user.name}</td>
                <td className="px-4 py-2">{user.email}</td>
                <td className="px-4 py-2">
                  <select
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={user.id === selfId}
                    onChange={(event) =>
                      setRole.mutate({ userId: user.id, role: event.target.value as Role })
                    }
                    className="min-h-11 rounded-md border border-slate-300 px-2 py-1"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2">
                  {user.deactivatedAt ? "Deactivated" : "Active"}
                  {user.id === selfId && " (you)"}
                </td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    {user.id === selfId ? (
                      <Link
                        href="/account"
                        className="inline-flex min-h-11 items-center text-indigo-700 hover:underline"
                      >
                        your account
                      </Link>
                    ) : user.deactivatedAt ? (
                      <Button variant="secondary" onClick={() => reactivate.mutate({ userId: user.id })}>
                        Reactivate {user.email}
                      </Button>
                    ) : confirmingDeactivation === user.id ? (
                      <span
                        className="inline-flex flex-wrap items-center gap-2"
                        role="group"
                        aria-label={`Deactivate ${user.email}?`}
                      >
                        <span>Deactivate {user.email}? They are signed out at once.</span>
                        <Button
                          variant="danger"
                          aria-disabled={deactivate.isPending}
                          onClick={() => {
                            if (!deactivate.isPending) deactivate.mutate({ userId: user.id });
                          }}
                        >
                          Yes, deactivate
                        </Button>
                        <Button variant="secondary" onClick={() => setConfirmingDeactivation(null)}>
                          Keep active
                        </Button>
                      </span>
                    ) : (
                      <>
                        <Button
                          variant="secondary"
                          disabled={reset.isPending}
                          onClick={() => reset.mutate({ userId: user.id })}
                        >
                          Reset password of {user.email}
                        </Button>
                        <Button variant="secondary" onClick={() => setConfirmingDeactivation(user.id)}>
                          Deactivate {user.email}
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}
