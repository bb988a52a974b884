import { z } from "zod";
import { PROJECT_NAME_MAX, projectSlugSchema } from "./project";

/**
 * Archive, restore and purge (issue 29): the words and shapes the server and the project page share.
 * An archived project's folder waits in PROJECTS_DIR/.archive/<slug> until it is restored or purged.
 */

/** The folder inside PROJECTS_DIR that holds archived projects (a slug never starts with a dot). */
export const ARCHIVE_FOLDER = ".archive";

export const LIFECYCLE_OPERATIONS = ["archive", "restore", "purge"] as const;
export type LifecycleOperation = (typeof LIFECYCLE_OPERATIONS)[number];

export const LIFECYCLE_OPERATION_LABELS: Record<LifecycleOperation, string> = {
  archive: "Archive",
  restore: "Restore",
  purge: "Purge",
};

/** Each checked step of the three operations, as the page names the one that failed. */
export const LIFECYCLE_STEPS = {
  "move-to-archive": "Moving the folder to projects/.archive",
  release: "Releasing the ports and the stored credentials",
  "read-env": "Reading the credentials back from the archived .env",
  ports: "Taking host ports again",
  "write-env": "Writing the new ports into .env",
  "move-back": "Moving the folder back from projects/.archive",
  "remove-folder": "Removing the folder for good",
  record: "Recording the change in Launchpad's database",
} as const;
export type LifecycleStep = keyof typeof LIFECYCLE_STEPS;

/** The step at which the last archive, restore or purge stopped, kept until it is retried. */
export const lifecycleFailureSchema = z.object({
  operation: z.enum(LIFECYCLE_OPERATIONS),
  step: z.enum(Object.keys(LIFECYCLE_STEPS) as [LifecycleStep, ...LifecycleStep[]]),
  reason: z.string(),
  /** What is done and what is not, and how to go on. */
  holds: z.string(),
  at: z.iso.datetime(),
});
export type LifecycleFailure = z.infer<typeof lifecycleFailureSchema>;

/** Reads the stored failure; anything unreadable counts as none rather than breaking the page. */
export function readLifecycleFailure(value: unknown): LifecycleFailure | null {
  const parsed = lifecycleFailureSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What stops and removes a project's containers and volumes: Launchpad does not run the stacks. */
export function composeDownCommand(slug: string): string {
  return `docker compose -p ${slug} down -v`;
}

/** Archive and purge are confirmed by typing the project's name, exactly. */
export const confirmedLifecycleInputSchema = z.object({
  slug: projectSlugSchema,
  confirmName: z.string().max(PROJECT_NAME_MAX, "That is not the project's name."),
});

/** True when a restore stopped after moving the folder back: it is in projects/ though still archived. */
export function folderBackFromArchive(failure: LifecycleFailure | null): boolean {
  return failure?.operation === "restore" && failure.step === "record";
}

/**
 * True while an archive is unfinished past its move, or interrupted (its instance stopped, maybe after
 * the move): the folder may already be in the archive though the project is not archived yet. Nothing
 * may provision it or show its folder as in place until it is archived again.
 */
export function archiveUnfinished(state: {
  failure: LifecycleFailure | null;
  interrupted: LifecycleOperation | null;
}): boolean {
  return (
    (state.failure?.operation === "archive" && state.failure.step !== "move-to-archive") ||
    state.interrupted === "archive"
  );
}
