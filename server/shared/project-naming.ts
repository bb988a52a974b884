/**
 * A project's name limits and folder name, apart from the zod schemas (project.ts) so the browser's
 * forms can show them without loading zod; the server checks the input with those schemas.
 */

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
