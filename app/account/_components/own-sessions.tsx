"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Badge } from "~/app/_components/ui/badge";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { TableRegion } from "~/app/_components/ui/table-region";
import { relativeTime } from "~/app/_components/relative-time";

/** The browsers signed in to one's own account; any but this one can be ended. */
export function OwnSessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const endOne = useMutation(trpc.account.endSession.mutationOptions({ onSettled: refresh }));
  // Ending every other session signs out all those browsers at once: it is asked twice.
  const [confirmingEndOthers, setConfirmingEndOthers] = useState(false);
  const endOthers = useMutation(
    trpc.account.endOtherSessions.mutationOptions({
      onSettled: () => {
        setConfirmingEndOthers(false);
        refresh();
      },
    }),
  );
  const failure = sessions.error ?? endOne.error ?? endOthers.error;
  const others = sessions.data?.filter((session) => !session.isCurrent) ?? [];

  return (
    <section aria-labelledby="sessions-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="sessions-heading" className="text-lg font-medium">
            Where you are signed in
          </h2>
          <p className="text-sm text-slate-600">
            An ended session is signed out on that browser&apos;s next request. Sessions are renewed at most
            once a day while in use.
          </p>
        </div>
        {confirmingEndOthers ? (
          <span
            className="inline-flex flex-wrap items-center gap-2"
            role="group"
            aria-label="End all other sessions?"
          >
            <span className="text-sm">
              Sign out {others.length === 1 ? "the other browser" : `all ${others.length} other browsers`}?
            </span>
            <Button
              variant="danger"
              aria-disabled={endOthers.isPending}
              onClick={() => {
                if (!endOthers.isPending) endOthers.mutate();
              }}
            >
              Yes, end them
            </Button>
            <Button variant="secondary" onClick={() => setConfirmingEndOthers(false)}>
              Keep them
            </Button>
          </span>
        ) : (
          <Button
            variant="danger"
            disabled={others.length === 0 || endOthers.isPending}
            onClick={() => setConfirmingEndOthers(true)}
          >
            End all other sessions
          </Button>
        )}
      </div>
      {failure && <Alert tone="error">{errorMessage(failure)}</Alert>}
      {endOthers.data && (
        <Alert tone="success">
          {endOthers.data.sessionsEnded === 1
            ? "1 other session was ended."
            : `${endOthers.data.sessionsEnded} other sessions were ended.`}
        </Alert>
      )}
      <TableRegion label="Your sessions">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your sessions</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-4 py-2">Device</th>
              <th className="px-4 py-2">Address at sign-in</th>
              <th className="px-4 py-2">Signed in</th>
              <th className="px-4 py-2">Last used</th>
              <th className="px-4 py-2">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data?.map((session) => {
              const device = `${session.browser} on ${session.system}`;
              return (
                <tr key={session.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <span className="font-medium">{device}</span>
                    {session.isCurrent && (
                      <span className="ml-2">
                        <Badge tone="green">This device</Badge>
                      </span>
                    )}
                    {session.userAgent && (
                      <details className="mt-1 text-xs text-slate-600">
                        <summary className="flex min-h-11 cursor-pointer items-center">
                          Browser details
                        </summary>
                        <span className="break-all">{session.userAgent}</span>
                      </details>
                    )}
                  </td>
                  <td className="px-4 py-2 font-mono">{session.ipAddress ?? "unknown"}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{session.createdAt.toLocaleString()}</td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <time
                      dateTime={session.lastUsedAt.toISOString()}
                      title={session.lastUsedAt.toLocaleString()}
                    >
                      {session.isCurrent ? "now" : relativeTime(session.lastUsedAt)}
                    </time>
                  </td>
                  <td className="px-4 py-2 text-right">
                    {!session.isCurrent && (
                      <Button
                        variant="secondary"
                        disabled={endOne.isPending}
                        aria-label={`End the session of ${device}, signed in ${session.createdAt.toLocaleString()}`}
                        onClick={() => endOne.mutate({ sessionId: session.id })}
                      >
                        End the session of {device}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
