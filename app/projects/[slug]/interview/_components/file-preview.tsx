"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { Alert } from "~/app/_components/ui/alert";
import type { Stack } from "~/provisioning/stack";

/** A file's mode as `ls -l` prints its permissions: what the reader compares with their own folder. */
function permissions(mode: number): string {
  const bits = "rwxrwxrwx";
  return [...bits].map((letter, index) => (mode & (1 << (8 - index)) ? letter : "-")).join("");
}

/**
 * "Preview files" on the review step: the files a save of `stack` writes, from the engine itself,
 * with ports and secrets as placeholders. Loaded with import() when asked for, so the review step's
 * first load does not carry it, and fetched once per stack.
 */
export function FilePreview({ interviewId, stack }: { interviewId: string; stack: Stack }) {
  const trpc = useTRPC();
  const preview = useQuery(
    trpc.interview.preview.queryOptions({ interviewId, stack }, { staleTime: Infinity }),
  );
  if (preview.isPending) return <Alert tone="info">Rendering the files…</Alert>;
  if (preview.isError) return <Alert tone="error">{errorMessage(preview.error)}</Alert>;
  const { files, directories } = preview.data;
  return (
    <section aria-labelledby="file-preview-heading" data-testid="file-preview" className="space-y-2">
      <h3 id="file-preview-heading" className="font-medium">
        The {files.length} files Save writes
      </h3>
      <p className="text-sm text-slate-600">
        Exactly as provisioning renders them, except that ports read <code>&lt;allocated on save&gt;</code>{" "}
        and passwords and keys <code>••••</code>: Save allocates and generates those. The frameworks&apos; own
        files come later, from their generators, when you run <code>./setup.sh</code>.
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {files.map((file) => (
          <li key={file.path}>
            <details>
              <summary className="flex min-h-11 cursor-pointer items-center gap-3 px-3 py-1 text-sm">
                <code className="min-w-0 flex-1 break-all">{file.path}</code>
                <span
                  className="shrink-0 font-mono text-xs text-slate-600"
                  aria-label={`mode ${file.mode.toString(8)}`}
                >
                  {permissions(file.mode)}
                </span>
              </summary>
              <pre
                tabIndex={0}
                aria-label={`Contents of ${file.path}`}
                className="max-h-96 overflow-auto bg-slate-50 px-3 py-2 text-xs leading-relaxed"
              >
                {file.content}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      {directories.length > 0 && (
        <p className="text-sm text-slate-600">
          Empty folders, for the generators to fill: {directories.map((folder) => `${folder}/`).join(", ")}
        </p>
      )}
    </section>
  );
}
