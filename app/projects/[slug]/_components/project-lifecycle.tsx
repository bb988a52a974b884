"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "~/app/_components/copy-button";
import { formatDay } from "~/app/_components/format-day";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/text-field";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import {
  ARCHIVE_FOLDER,
  composeDownCommand,
  LIFECYCLE_OPERATION_LABELS,
  LIFECYCLE_STEPS,
  folderBackFromArchive,
  type LifecycleFailure,
  type LifecycleOperation,
} from "~/server/shared/project-lifecycle";

type Props = {
  slug: string;
  name: string;
  archivedAt: Date | null;
  retainUntil: Date | null;
  inProgress: LifecycleOperation | null;
  interrupted: LifecycleOperation | null;
  failure: LifecycleFailure | null;
  /** The owner or an admin (project.archive). */
  canManage: boolean;
  retentionDays: number;
  /** Its retention end has passed (read when the page was rendered): only the purge is left. */
  retentionEnded: boolean;
  purgeStarted: boolean;
};

/**
 * Archive, restore and purge (issue 29). An active project shows how to stop its containers first,
 * then the archive form; an archived one shows where its folder waits and until when, with Restore
 * and Purge. The last failed step stays on show (it is stored on the project) until a retry. The page
 * around it is rendered on the server and refreshed after each change.
 */
export function ProjectLifecycle(props: Props) {
  const { slug, archivedAt, failure, inProgress } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [restoreNotes, setRestoreNotes] = useState<string[] | null>(null);
  const noteRef = useRef<HTMLDivElement>(null);
  const afterChange = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.audit.project.queryKey({ slug }) });
    void queryClient.invalidateQueries({ queryKey: trpc.provisioning.history.queryKey({ slug }) });
    router.refresh();
  };
  // A failed step is stored on the project: the refreshed page shows it (and keeps showing it).
  const onError = () => router.refresh();
  const archive = useMutation(
    trpc.project.archive.mutationOptions({
      onSuccess: () => {
        setRestoreNotes(null);
        afterChange();
      },
      onError,
    }),
  );
  const restore = useMutation(
    trpc.project.restore.mutationOptions({
      onSuccess: (outcome) => {
        setRestoreNotes(outcome.notes);
        afterChange();
      },
      onError,
    }),
  );
  const purge = useMutation(
    trpc.project.purge.mutationOptions({
      // The refreshed page says the project was purged, and when.
      onSuccess: () => router.refresh(),
      onError,
    }),
  );
  useEffect(() => {
    if (restoreNotes || purge.isSuccess) noteRef.current?.focus();
  }, [restoreNotes, purge.isSuccess]);

  if (purge.isSuccess) {
    return (
      <section aria-labelledby="lifecycle-heading" className="space-y-3">
        <h2 id="lifecycle-heading" className="text-lg font-medium">
          Purged
        </h2>
        <div ref={noteRef} tabIndex={-1}>
          <Alert tone="success">
            {props.name} was purged: its folder and its records are gone for good
            {purge.data.folderRemoved ? "" : " (it had no folder left)"}, and its name can be used again.{" "}
            <Link href="/" className="font-medium underline">
              Back to the projects
            </Link>
          </Alert>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="lifecycle-heading" className="space-y-3">
      <h2 id="lifecycle-heading" className="text-lg font-medium">
        {archivedAt ? "Archived" : "Archive"}
      </h2>
      {restoreNotes && !archivedAt && (
        <div ref={noteRef} tabIndex={-1}>
          <Alert tone="success">
            <p className="font-medium">Restored.</p>
            <ul className="mt-1 list-disc pl-5">
              {restoreNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {inProgress && (
        <Alert tone="info">
          {LIFECYCLE_OPERATION_LABELS[inProgress]} of this project is under way. Reload in a few seconds.
        </Alert>
      )}
      {failure && <FailedStep failure={failure} />}
      {props.interrupted && (
        <Alert tone="warning">
          {LIFECYCLE_OPERATION_LABELS[props.interrupted]} of this project stopped unfinished (the Launchpad
          instance doing it stopped). Each step is checked and skipped when already done: {props.interrupted}{" "}
          again to finish it.
        </Alert>
      )}
      {archivedAt ? (
        <ArchivedProject {...props} archivedAt={archivedAt} restore={restore} purge={purge} />
      ) : (
        <ActiveProject {...props} archive={archive} />
      )}
    </section>
  );
}

function FailedStep({ failure }: { failure: LifecycleFailure }) {
  return (
    <Alert tone="error">
      <p className="font-medium">
        {LIFECYCLE_OPERATION_LABELS[failure.operation]} stopped at “{LIFECYCLE_STEPS[failure.step]}”
      </p>
      <p>{failure.reason}</p>
      <p className="mt-1">{failure.holds}</p>
      <p className="mt-1 text-sm">
        <time dateTime={failure.at}>{failure.at.replace("T", " ").slice(0, 16)} UTC</time>
      </p>
    </Alert>
  );
}

type Mutation<Input> = {
  mutate: (input: Input) => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
};

function ActiveProject({
  slug,
  name,
  failure,
  retentionDays,
  archive,
}: Props & { archive: Mutation<{ slug: string; confirmName: string }> }) {
  const command = composeDownCommand(slug);
  return (
    <div className="max-w-prose space-y-3 text-sm text-slate-700">
      <p>
        Archiving moves <code>projects/{slug}</code> to{" "}
        <code>
          projects/{ARCHIVE_FOLDER}/{slug}
        </code>
        , gives its host ports back and forgets the database password Launchpad keeps (the folder&apos;s own{" "}
        <code>.env</code> still has it). It can be restored for {retentionDays} days; then it is purged for
        good. Its name stays taken until then.
      </p>
      <p>
        <strong>First stop its containers and remove their volumes</strong>: Launchpad does not run them, so
        they would keep the ports and the old database.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="rounded bg-slate-900 px-3 py-2 font-mono text-slate-100"
          data-testid="compose-down-command"
        >
          {command}
        </code>
        <CopyButton value={command} label="Copy the docker compose down command" text="Copy" />
      </div>
      <ConfirmByName
        failureShown={failure !== null}
        name={name}
        action="archive"
        label="Archive the project"
        mutation={archive}
        onConfirm={(confirmName) => archive.mutate({ slug, confirmName })}
      />
    </div>
  );
}

function ArchivedProject({
  slug,
  failure,
  name,
  archivedAt,
  retainUntil,
  canManage,
  retentionEnded,
  purgeStarted,
  restore,
  purge,
}: Props & {
  archivedAt: Date;
  restore: Mutation<{ slug: string }>;
  purge: Mutation<{ slug: string; confirmName: string }>;
}) {
  const folderBack = folderBackFromArchive(failure);
  const until = retainUntil && <time dateTime={retainUntil.toISOString()}>{formatDay(retainUntil)}</time>;
  return (
    <div className="max-w-prose space-y-3 text-sm text-slate-700">
      <p>
        Archived on <time dateTime={archivedAt.toISOString()}>{formatDay(archivedAt)}</time>.{" "}
        {folderBack ? (
          <>
            Its folder is already back in <code>projects/{slug}</code>: a restore stopped before it finished.
            Restore it again to finish.
          </>
        ) : purgeStarted ? (
          <>
            A purge began removing its folder in{" "}
            <code>
              projects/{ARCHIVE_FOLDER}/{slug}
            </code>
            , so it can no longer be restored: purge it again to finish.
          </>
        ) : retentionEnded ? (
          <>
            Its folder waits in{" "}
            <code>
              projects/{ARCHIVE_FOLDER}/{slug}
            </code>
            . Its retention ended on {until}: the next daily purge removes it for good, and it can no longer
            be restored.
          </>
        ) : (
          <>
            Its folder waits in{" "}
            <code>
              projects/{ARCHIVE_FOLDER}/{slug}
            </code>
            {until && <> until {until}, when it is purged for good</>}.
          </>
        )}
      </p>
      {canManage && (folderBack || (!purgeStarted && !retentionEnded)) && (
        <>
          <div className="space-y-2">
            <p>
              Restoring brings the folder back, with its database credentials and its ports where still free.
            </p>
            {restore.isError && !(isStepFailure(restore.error) && failure) && (
              <Alert tone="error">{errorMessage(restore.error)}</Alert>
            )}
            <Button
              aria-disabled={restore.isPending}
              onClick={() => {
                if (!restore.isPending) restore.mutate({ slug });
              }}
            >
              {restore.isPending ? "Restoring…" : "Restore the project"}
            </Button>
          </div>
        </>
      )}
      {canManage && !folderBack && (
        <>
          <ConfirmByName
            failureShown={failure !== null}
            name={name}
            action="purge"
            label="Purge for good"
            mutation={purge}
            onConfirm={(confirmName) => purge.mutate({ slug, confirmName })}
          />
        </>
      )}
    </div>
  );
}

/** A danger button that first asks for the project's name, typed again. */
function ConfirmByName({
  name,
  action,
  label,
  mutation,
  onConfirm,
  failureShown,
}: {
  /** The stored failure is on show above: a step failure's message is not repeated here. */
  failureShown: boolean;
  name: string;
  action: "archive" | "purge";
  label: string;
  mutation: Mutation<{ slug: string; confirmName: string }>;
  onConfirm: (confirmName: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <Button
        variant={action === "purge" ? "danger" : "secondary"}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        {action === "purge" ? "Purge now…" : "Archive…"}
      </Button>
    );
  }
  return (
    <form
      className="max-w-md space-y-3 rounded-md border border-rose-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!mutation.isPending) onConfirm(typed);
      }}
    >
      <p>
        {action === "purge"
          ? "Purging removes the folder and every record of this project for good. It cannot be undone."
          : "The project page stays, marked archived, with Restore and Purge."}
      </p>
      <TextField
        id={`confirm-${action}`}
        ref={inputRef}
        label={`Type the project's name, ${name}, to confirm`}
        value={typed}
        autoComplete="off"
        onChange={(event) => setTyped(event.target.value)}
      />
      {mutation.isError && !(isStepFailure(mutation.error) && failureShown) && (
        <Alert tone="error">{errorMessage(mutation.error)}</Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" aria-disabled={mutation.isPending}>
          {mutation.isPending ? `${label}…` : label}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** A failed step is shown from the project's stored failure, above; other refusals where they happen. */
function isStepFailure(error: unknown): boolean {
  return (
    error instanceof TRPCClientError &&
    (error.data as { appCode?: string } | undefined)?.appCode === "LIFECYCLE_STEP_FAILED"
  );
}
