"use client";

import { useEffect, useRef, useState } from "react";
import type { Credentials } from "~/app/_trpc/router-types";
import { CopyButton } from "./copy-button";

type Row = { label: string; value: string; secret?: boolean };

function rowsFor(credentials: Credentials): Row[] {
  const rows: Row[] = [];
  const add = (label: string, value: string | number | null, secret = false) => {
    if (value !== null) rows.push({ label, value: String(value), secret });
  };
  add("Database name", credentials.databaseName);
  add("User", credentials.databaseUser);
  add("Password", credentials.password, true);
  add("Host", credentials.host);
  add("Port", credentials.port);
  add("Connection URL", credentials.connectionUrl, credentials.password !== null);
  add("Backend port", credentials.appPort);
  add("Frontend port", credentials.frontendPort);
  add("Database admin port", credentials.adminPort);
  return rows;
}

/** The credentials as .env lines, for "Copy as .env". */
function asEnv(credentials: Credentials): string {
  const lines: [string, string | number | null][] = [
    ["DB_HOST", credentials.host],
    ["DB_PORT", credentials.port],
    ["DB_DATABASE", credentials.databaseName],
    ["DB_USERNAME", credentials.databaseUser],
    ["DB_PASSWORD", credentials.password],
    ["DATABASE_URL", credentials.connectionUrl],
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
 * The credentials of a freshly provisioned project. A native modal <dialog>: focus moves into it,
 * Esc closes it, and the browser returns focus to what opened it. The password stays masked until
 * the user reveals it; copying always copies the real value.
 */
export function CredentialsDialog({
  credentials,
  nextSteps,
  projectPath,
  onClose,
}: {
  credentials: Credentials;
  nextSteps: string[];
  projectPath: string | null;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [isRevealed, setIsRevealed] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const mask = (value: string) =>
    isRevealed || !credentials.password ? value : value.split(credentials.password).join("•".repeat(12));

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

        {credentials.databaseKind === "none" && <p className="text-slate-600">This stack has no database.</p>}
        {credentials.databaseKind === "file" && (
          <p className="text-slate-600">
            The database is a file in the project: there is no server, user or password.
          </p>
        )}

        <table className="w-full text-sm">
          <caption className="sr-only">Credentials</caption>
          <tbody>
            {rowsFor(credentials).map((row) => (
              <tr key={row.label} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-medium whitespace-nowrap text-slate-600">
                  {row.label}
                </th>
                <td className="py-2 font-mono break-all" data-testid={`credential-${row.label}`}>
                  {row.secret ? mask(row.value) : row.value}
                </td>
                <td className="py-2 pl-3 text-right">
                  <CopyButton value={row.value} label={`Copy ${row.label.toLowerCase()}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <div className="flex flex-wrap gap-2">
          {credentials.password && (
            <button
              type="button"
              onClick={() => setIsRevealed((value) => !value)}
              aria-pressed={isRevealed}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            >
              {isRevealed ? "Hide password" : "Reveal password"}
            </button>
          )}
          <CopyButton value={asEnv(credentials)} label="Copy as .env" text="Copy as .env" />
        </div>

        {nextSteps.length > 0 && (
          <div className="space-y-2">
            <h3 className="font-medium">Next steps</h3>
            <ol className="space-y-2">
              {nextSteps.map((step, index) => (
                <li
                  key={step}
                  className="flex items-center gap-3 rounded-md bg-slate-900 px-3 py-2 text-slate-100"
                >
                  <span className="text-xs text-slate-400">{index + 1}</span>
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
