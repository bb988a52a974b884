import "server-only";
import { z } from "zod";
import { getRemote, pushProject, removeRemote, setRemote } from "../../services/git/project-remote";
import { DEFAULT_GIT_SETTINGS } from "../../services/git/git-settings";
import { createTRPCRouter, projectProcedure } from "../trpc";

/** A project's git remote (issue 28): the owner's or an admin's; setting, removing and pushing are audited. */
export const gitRouter = createTRPCRouter({
  /** The remote's URL and last push, or null; never the token. */
  remote: projectProcedure("project.manageGit").query(({ ctx }) => getRemote(ctx.db, ctx.project.id)),

  setRemote: projectProcedure("project.manageGit")
    // Lengths and characters are checked by the service, with sentences of its own.
    .input(z.object({ url: z.string().max(5000), token: z.string().max(5000) }))
    .mutation(({ ctx, input }) => {
      const config = ctx.provisioningConfig();
      return setRemote({
        db: ctx.db,
        project: ctx.project,
        url: input.url,
        token: input.token,
        key: config.key,
        settings: config.git ?? DEFAULT_GIT_SETTINGS,
        audit: ctx.audit,
      });
    }),

  removeRemote: projectProcedure("project.manageGit").mutation(async ({ ctx }) => ({
    removed: await removeRemote({ db: ctx.db, project: ctx.project, audit: ctx.audit }),
  })),

  /** Pushes main and launchpad, both or neither; the outcome is returned and stored on the remote. */
  push: projectProcedure("project.manageGit").mutation(({ ctx }) => {
    const config = ctx.provisioningConfig();
    return pushProject({
      db: ctx.db,
      project: ctx.project,
      projectsDir: config.projectsDir,
      key: config.key,
      settings: config.git ?? DEFAULT_GIT_SETTINGS,
      audit: ctx.audit,
    });
  }),
});
