import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";

/**
 * "Download as zip": a plain form, so it works before the page's script and the zip goes to the
 * browser's downloads. A refusal comes back as the project page's `?download=` (see the route).
 */
export function ProjectDownload({
  slug,
  canIncludeEnv,
  refusal,
}: {
  slug: string;
  canIncludeEnv: boolean;
  refusal: string | null;
}) {
  return (
    <section aria-labelledby="download-heading" className="space-y-3">
      <h2 id="download-heading" className="text-lg font-medium">
        Download
      </h2>
      <p className="max-w-prose text-sm text-slate-600">
        The project&apos;s folder as it is now, as a zip: file modes and links kept, without what its
        .gitignore ignores. Without <code>.env</code>: a <code>.env.example</code> lists its variables, and
        the README says where to get the values.
      </p>
      {refusal && <Alert tone="error">{refusal}</Alert>}
      <form method="post" action={`/projects/${slug}/download`} className="flex flex-wrap items-center gap-4">
        {canIncludeEnv && (
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="includeEnv" className="size-5" />
            Include <code>.env</code> with the database password (written to the audit log)
          </label>
        )}
        <Button type="submit" variant="secondary">
          Download as zip
        </Button>
      </form>
    </section>
  );
}
