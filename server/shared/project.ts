import { z } from "zod";
import { displayNameProblem } from "./display-name";
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX, SLUG_MAX, slugify } from "./project-naming";

/** Validation of what a person types about a project, shared by the new-project form and the API. */

export {
  NEW_VERSION_SUFFIX,
  PROJECT_DESCRIPTION_MAX,
  PROJECT_NAME_MAX,
  SLUG_MAX,
  slugify,
} from "./project-naming";

// Descriptions may keep tabs and line breaks; names are checked by displayNameProblem.
// eslint-disable-next-line no-control-regex
const DESCRIPTION_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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
      .superRefine((name, ctx) => {
        const problem = displayNameProblem(name);
        if (problem) ctx.addIssue({ code: "custom", message: `The name ${problem}.` });
      })
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

const proposedChoice = z.string().max(40, "That value is too long to be a technology.").optional();

export const createProjectInputSchema = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema.optional().default(""),
  /** Answers proposed by a shared link, pre-selected in the interview (not saved as the stack). */
  stack: z
    .object({
      backend: proposedChoice,
      database: proposedChoice,
      frontend: proposedChoice,
      css: proposedChoice,
    })
    .strict()
    .optional(),
});
export type CreateProjectInput = z.input<typeof createProjectInputSchema>;

export const projectSlugSchema = z.string().regex(SLUG_PATTERN, "Not a project address.").max(SLUG_MAX);
