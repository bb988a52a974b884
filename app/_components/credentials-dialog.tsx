"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import type { Credentials, RevealedCredentials } from "~/app/_trpc/router-types";
import { NEW_VERSION_SUFFIX } from "~/server/shared/project-naming";
import { CopyButton } from "./copy-button";
import { useModalDialog } from "./use-modal-dialog";

const MASK = "•".repeat(12);

/** `secret` rows hold the password once revealed, and show it only while "Reveal" is on. */
type Row = { label: string; value: string | null; copy: string | (() => Promise<string>); secret?: true };

/** The table's rows; the password's value stays null (masked) until it is revealed. */
function rowsFor(
  credentials: Credentials,
  revealed: RevealedCredentials | null,
  reveal: () => Promise<RevealedCredentials>,
): Row[] {
  const rows: Row[] = [];
  const add = (label: string, value: string | number | null) => {
    if (value !== null) rows.push({ label, value: String(value), copy: String(value) });
  };
  add("Database name", credentials.databaseName);
  add("User", credentials.databaseUser);
  if (credentials.hasPassword) {
    rows.push({
      label: "Password",
      value: revealed?.password ?? null,
      copy: async () => (await reveal()).password,
      secret: true,
    });
  }
  add("Host", credentials.host);
  add("Port", credentials.port);
  if (credentials.connectionUrl !== null) {
    rows.push(
      credentials.hasPassword
        ? {
            label: "Connection URL",
            value: revealed?.connectionUrl ?? credentials.connectionUrl,
            copy: async () => (await reveal()).connectionUrl,
            secret: true,
          }
        : { label: "Connection URL", value: credentials.connectionUrl, copy: credentials.connectionUrl },
    );
  }
  add("Backend port", credentials.appPort);
  add("Frontend port", credentials.frontendPort);
  add("Database admin port", credentials.adminPort);
  return rows;
}

/** The credentials as .env lines, for "Copy as .env". */
function asEnv(credentials: Credentials, revealed: RevealedCredentials | null): string {
  const lines: [string, string | number | null][] = [
    ["DB_HOST", credentials.host],
    ["DB_PORT", credentials.port],
    ["DB_DATABASE", credentials.databaseName],
    ["DB_USERNAME", credentials.databaseUser],
    ["DB_PASSWORD", revealed?.password ?? null],
    ["DATABASE_URL", revealed?.connectionUrl ?? credentials.connectionUrl],
    ["APP_PORT", credentials.appPort],
    ["FRONTEND_PORT", credentials.frontendPort],
    ["ADMIN_PORT", credentials.adminPort],
  ];
  return lines
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n")
    .concat("\n");
}

/**
 * The credentials of a provisioned project. A native modal <dialog>: focus moves into it, Esc
 * closes it, and the browser returns focus to what opened it. The password is not in the page until
 * the user reveals or copies it: that calls `provisioning.reveal`, which writes an audit entry, once
 * per opening of the dialog.
 */
export function CredentialsDialog({
  slug,
  credentials,
  nextSteps,
  projectPath,
  filesKeptAsNew = [],
  onClose,
}: {
  slug: string;
  credentials: Credentials;
  nextSteps: string[];
  projectPath: string | null;
  /** After a (re-)provision: files the user had changed, kept as they were (paths in the project). */
  filesKeptAsNew?: string[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const dialogRef = useModalDialog();
  const [isShown, setIsShown] = useState(false);
  const queryClient = useQueryClient();
  const revealCall = useMutation(
    trpc.provisioning.reveal.mutationOptions({
      // The reveal wrote an audit entry: the project's audit list shows it at once.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.audit.project.queryKey({ slug }) }),
    }),
  );
  const revealed = revealCall.data ?? null;
  const { mutateAsync } = revealCall;
  // One call per opening, however many buttons are pressed (each call is an audit entry); a failed
  // call may be tried again.
  const reveal = useMemo(() => {
    let call: Promise<RevealedCredentials> | null = null;
    return (): Promise<RevealedCredentials> =>
      (call ??= mutateAsync({ slug }).catch((error: unknown) => {
        call = null;
        throw error;
      }));
  }, [mutateAsync, slug]);

  return (
    <dialog
      ref={dialogRef}
      onClose={onClose}
      aria-labelledby="credentials-title"
      className="m-auto w-full max-w-2xl rounded-xl border border-slate-200 p-0 shadow-2xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-5 p-6">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id="credentials-title" className="text-xl font-semibold">
              Your project is ready
            </h2>
            {projectPath && <p className="font-mono text-sm break-all text-slate-500">{projectPath}</p>}
          </div>
          <button
            type="button"
            onClick={() => dialogRef.current?.close()}
            className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100"
            aria-label="Close"
          >
            ✕
          </button>
        </div>

        {filesKeptAsNew.length > 0 && <KeptFiles paths={filesKeptAsNew} />}

        {credentials.databaseKind === "none" && <p className="text-slate-600">This stack has no database.</p>}
        {credentials.databaseKind === "file" && (
          <p className="text-slate-600">
            The database is a file in the project: there is no server, user or password.
          </p>
        )}

        <table className="w-full text-sm">
          <caption className="sr-only">Credentials</caption>
          <tbody>
            {rowsFor(credentials, revealed, reveal).map((row) => (
              <tr key={row.label} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-medium whitespace-nowrap text-slate-600">
                  {row.label}
                </th>
                <td className="py-2 font-mono break-all" data-testid={`credential-${row.label}`}>
                  {row.secret && !isShown ? maskPassword(row.value, revealed?.password) : row.value}
                </td>
                <td className="py-2 pl-3 text-right">
                  <CopyButton value={row.copy} label={`Copy ${row.label.toLowerCase()}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <div className="flex flex-wrap gap-2">
          {credentials.hasPassword && (
            <button
              type="button"
              onClick={() => {
                if (isShown) return setIsShown(false);
                void reveal().then(
                  () => setIsShown(true),
                  () => undefined,
                );
              }}
              aria-pressed={isShown}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            >
              {isShown ? "Hide password" : revealCall.isPending ? "Revealing…" : "Reveal password"}
            </button>
          )}
          <CopyButton
            value={
              credentials.hasPassword
                ? async () => asEnv(credentials, await reveal())
                : asEnv(credentials, null)
            }
            label="Copy as .env"
            text="Copy as .env"
          />
        </div>
        {revealCall.error && (
          <p role="alert" className="text-sm text-rose-700">
            {errorMessage(revealCall.error)}
          </p>
        )}
        {credentials.hasPassword && (
          <p className="text-xs text-slate-500">
            Revealing or copying the password is recorded in the project&apos;s audit log.
          </p>
        )}

        {nextSteps.length > 0 && (
          <div className="space-y-2">
            <h3 className="font-medium">Next steps</h3>
            <ol className="space-y-2">
              {nextSteps.map((step, index) => (
                <li
                  key={step}
                  className="flex items-center gap-3 rounded-md bg-slate-900 px-3 py-2 text-slate-100"
                >
                  <span className="text-xs text-slate-500">{index + 1}</span>
                  <code className="flex-1 font-mono text-sm break-all">{step}</code>
                  <CopyButton value={step} label={`Copy command ${step}`} />
                </li>
              ))}
            </ol>
          </div>
        )}
        <p className="text-xs text-slate-500">
          The same values are in the project&apos;s <code>.env</code> (file mode 0600). You can reopen this
          window from the project page.
        </p>
      </div>
    </dialog>
  );
}

/**
 * Re-provisioning never overwrites a file the user changed: it is kept, and Launchpad's new version
 * is written beside it. Said here, or the user would not know to merge them.
 */
function KeptFiles({ paths }: { paths: string[] }) {
  return (
    <div
      role="status"
      className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <p className="font-medium">
        {paths.length === 1 ? "1 file you changed was kept" : `${paths.length} files you changed were kept`}
      </p>
      <p>Launchpad&apos;s new version of each is beside it: compare them and merge what you need.</p>
      <ul aria-label="Files kept, with their new versions" className="space-y-0.5">
        {paths.map((file) => (
          <li key={file} className="font-mono text-xs break-all">
            {file} → new version: {file}
            {NEW_VERSION_SUFFIX}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The masked form of a secret row: the password hidden, the rest of a URL still readable. */
function maskPassword(value: string | null, password: string | undefined): string {
  if (value === null) return MASK;
  return password ? value.split(password).join(MASK) : value;
}
