"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/text-field";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { useHydrated } from "~/app/_components/use-hydrated";

/**
 * The project's git repository and remote (issue 28), for the owner and admins: where Launchpad's
 * commits are, a remote (https URL and access token; the token is never shown again), Push (main and
 * launchpad, both or neither) with its outcome, and Remove.
 */
export function ProjectGit({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const remote = useQuery(trpc.git.remote.queryOptions({ slug }));
  const [editing, setEditing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.git.remote.queryKey({ slug }) });
  const setRemote = useMutation(
    trpc.git.setRemote.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await refresh();
      },
    }),
  );
  const push = useMutation(trpc.git.push.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.git.removeRemote.mutationOptions({ onSuccess: refresh }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    setRemote.mutate({ slug, url: text("url"), token: text("token") });
  };

  const current = remote.data;
  return (
    <section aria-labelledby="git-heading" className="space-y-3">
      <h2 id="git-heading" className="text-lg font-medium">
        Git
      </h2>
      <p className="max-w-prose text-sm text-slate-600">
        The folder is a git repository. Each run commits what Launchpad generated to the branch{" "}
        <code>launchpad</code>; your <code>main</code> starts from the first run and is yours. Each run&apos;s
        commit is in its details below.
      </p>
      {remote.isError && <Alert tone="error">{errorMessage(remote.error)}</Alert>}
      {current && !editing && (
        <div className="space-y-2 text-sm">
          <p>
            Remote: <code className="break-all">{current.url}</code> (access token stored, not shown)
          </p>
          {current.lastPushMessage && (
            <p data-testid="last-push" className={current.lastPushOk ? "text-emerald-800" : "text-rose-800"}>
              Last push: {current.lastPushMessage}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              disabled={!hydrated || push.isPending}
              onClick={() => push.mutate({ slug })}
            >
              {push.isPending ? "Pushing…" : "Push main and launchpad"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              Change the remote
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={!hydrated || remove.isPending}
              onClick={() => remove.mutate({ slug })}
            >
              Remove the remote
            </Button>
          </div>
          {push.isError && <Alert tone="error">{errorMessage(push.error)}</Alert>}
          {remove.isError && <Alert tone="error">{errorMessage(remove.error)}</Alert>}
        </div>
      )}
      {remote.isSuccess && (current === null || editing) && (
        <form onSubmit={submit} className="max-w-xl space-y-3" aria-label="Git remote">
          <TextField
            id="git-remote-url"
            name="url"
            label="Remote URL (https)"
            placeholder="https://github.com/team/shop.git"
            hint="An empty repository on one of the hosts your admin allows. Push sends main and launchpad."
            required
          />
          <TextField
            id="git-remote-token"
            name="token"
            type="password"
            autoComplete="off"
            label="Access token"
            hint="Stored encrypted; never shown again. It needs the right to push to this repository."
            required
          />
          {setRemote.isError && <Alert tone="error">{errorMessage(setRemote.error)}</Alert>}
          <div className="flex gap-2">
            <Button type="submit" disabled={!hydrated || setRemote.isPending}>
              Save the remote
            </Button>
            {editing && (
              <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
