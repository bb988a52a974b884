import "server-only";
import { z } from "zod";
import { emailSchema } from "../../shared/account";
import { createProjectInputSchema, PROJECT_NAME_MAX, projectSlugSchema } from "../../shared/project";
import { createProject } from "../../services/projects/create-project";
import { getProject } from "../../services/projects/get-project";
import { listProjects } from "../../services/projects/list-projects";
import { listProjectOwners, listTransferCandidates } from "../../services/projects/people";
import { projectListInputSchema } from "../../shared/project-list";
import { findLookalikeProject } from "../../services/projects/lookalike-project";
import { transferOwnership } from "../../services/projects/transfer-ownership";
import { archiveProject } from "../../services/lifecycle/archive-project";
import { purgeProject } from "../../services/lifecycle/purge-project";
import { restoreProject } from "../../services/lifecycle/restore-project";
import { confirmedLifecycleInputSchema } from "../../shared/project-lifecycle";
import { countForCaller, createTRPCRouter, procedureFor, projectProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  /** One page of projects, filtered and sorted; without input, the first page by last change. */
  list: procedureFor("project.view")
    .input(projectListInputSchema.prefault({}))
    .query(({ ctx, input }) => listProjects({ db: ctx.db, query: input })),
  /** The people the list's owner filter offers. */
  owners: procedureFor("project.view").query(({ ctx }) => listProjectOwners({ db: ctx.db })),
  get: procedureFor("project.view")
    .input(z.object({ slug: projectSlugSchema }))
    .query(({ ctx, input }) => getProject({ db: ctx.db, slug: input.slug })),
  create: procedureFor("project.create")
    .input(createProjectInputSchema)
    .mutation(async ({ ctx, input }) => {
      await countForCaller(ctx, "projects");
      return createProject({ db: ctx.db, input, ownerId: ctx.user.id });
    }),
  /** An existing project whose name looks like this one (UTS #39), for the new-project form's warning. */
  lookalike: procedureFor("project.create")
    .input(z.object({ name: z.string().max(PROJECT_NAME_MAX) }))
    .output(z.object({ name: z.string(), slug: z.string() }).nullable())
    .query(({ ctx, input }) => findLookalikeProject({ db: ctx.db, name: input.name })),
  /** Who the owner or an admin can hand this project to. */
  transferCandidates: projectProcedure("project.transferOwnership").query(({ ctx }) =>
    listTransferCandidates({
      db: ctx.db,
      ownerId: ctx.project.ownerId,
      withEmails: ctx.user.role === "admin",
    }),
  ),
  /** The owner or an admin hands a project to another member or admin. */
  transferOwnership: projectProcedure("project.transferOwnership")
    .input(
      z.union([
        z.object({ newOwnerEmail: emailSchema }),
        // The hand-over form names people by id: a member who owns a project sees no emails.
        z.object({ newOwnerId: z.string().min(1).max(100) }),
      ]),
    )
    .output(z.object({ ownerId: z.string(), ownerName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await transferOwnership({
        db: ctx.db,
        slug: ctx.project.slug,
        newOwner: "newOwnerEmail" in input ? { email: input.newOwnerEmail } : { id: input.newOwnerId },
        expectedOwnerId: ctx.project.ownerId,
        callerIsAdmin: ctx.user.role === "admin",
        audit: ctx.audit,
      });
      return { ownerId: result.ownerId, ownerName: result.ownerName };
    }),
  /**
   * Archives the project (its name typed again): folder to PROJECTS_DIR/.archive, ports and stored
   * credentials released, slug kept reserved until it is purged.
   */
  archive: projectProcedure("project.archive")
    .input(confirmedLifecycleInputSchema.pick({ confirmName: true }))
    .mutation(({ ctx, input }) =>
      archiveProject({
        db: ctx.db,
        slug: ctx.project.slug,
        confirmName: input.confirmName,
        config: ctx.provisioningConfig(),
        audit: ctx.audit,
        expectedOwnerId: ctx.project.ownerId,
      }),
    ),
  /** Brings an archived project back within its retention: folder, credentials, and its ports where free. */
  restore: projectProcedure("project.archive").mutation(({ ctx }) =>
    restoreProject({
      db: ctx.db,
      slug: ctx.project.slug,
      config: ctx.provisioningConfig(),
      audit: ctx.audit,
      expectedOwnerId: ctx.project.ownerId,
    }),
  ),
  /** Removes an archived project for good (its name typed again); its slug can then be used again. */
  purge: projectProcedure("project.archive")
    .input(confirmedLifecycleInputSchema.pick({ confirmName: true }))
    .mutation(({ ctx, input }) =>
      purgeProject({
        db: ctx.db,
        slug: ctx.project.slug,
        confirmName: input.confirmName,
        config: ctx.provisioningConfig(),
        audit: ctx.audit,
        expectedOwnerId: ctx.project.ownerId,
        reason: "by-hand",
      }),
    ),
});
