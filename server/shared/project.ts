import { z } from "zod";

/** Validation of what a person types about a project, shared by the new-project form and the API. */

export const PROJECT_NAME_MAX = 80;
export const PROJECT_DESCRIPTION_MAX = 2000;
export const SLUG_MAX = 60;

/**
 * Added to the name of a file's new version when re-provisioning keeps the user's edited file in its
 * place (server/services/provisioning/project-folder.ts); the UI says where the new versions are.
 */
export const NEW_VERSION_SUFFIX = ".launchpad-new";

/**
 * The folder name of a project: lowercase ASCII letters, digits and single dashes. Accents are
 * dropped (é -> e); everything else becomes a dash. Never empty, never "." or "..", no separators.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

// Names are one line; descriptions may keep tabs and line breaks.
// eslint-disable-next-line no-control-regex
const NAME_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const DESCRIPTION_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// Bidirectional controls (LRM/RLM/ALM, embeddings, overrides, isolates) reorder how a name is shown,
// so "gpj.exe" can read as "exe.jpg"; U+200B and U+FEFF are invisible. ZWNJ and ZWJ (U+200C/D) stay:
// Persian, Indic scripts and emoji sequences need them.
const NAME_INVISIBLE_OR_BIDI = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const projectNameSchema = z
  .string({ error: "Enter a project name." })
  .transform((name) => name.normalize("NFC").trim())
  .pipe(
    z
      .string()
      // A name that is empty or too long needs no further checks (nor slugifying 100 kB of it).
      .min(1, { error: "Enter a project name.", abort: true })
      .max(PROJECT_NAME_MAX, {
        error: `Use at most ${PROJECT_NAME_MAX} characters for the name.`,
        abort: true,
      })
      .refine(
        (name) => !NAME_CONTROL_CHARACTERS.test(name),
        "The name cannot contain control characters or line breaks.",
      )
      .refine(
        (name) => !NAME_INVISIBLE_OR_BIDI.test(name),
        "The name cannot contain invisible or text-direction characters.",
      )
      .refine((name) => !/[/\\]/.test(name), "The name cannot contain / or \\: it becomes a folder name.")
      .refine((name) => slugify(name).length > 0, "The name needs at least one letter or digit."),
  );

export const projectDescriptionSchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .max(PROJECT_DESCRIPTION_MAX, {
        error: `Use at most ${PROJECT_DESCRIPTION_MAX} characters for the description.`,
        abort: true,
      })
      .refine(
        (text) => !DESCRIPTION_CONTROL_CHARACTERS.test(text),
        "The description cannot contain control characters.",
      ),
  );

export const createProjectInputSchema = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema.optional().default(""),
});
export type CreateProjectInput = z.input<typeof createProjectInputSchema>;

export const projectSlugSchema = z.string().regex(SLUG_PATTERN, "Not a project address.").max(SLUG_MAX);
