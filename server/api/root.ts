import "server-only";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { auditRouter } from "./routers/audit";
import { catalogueRouter } from "./routers/catalogue";
import { gitRouter } from "./routers/git";
import { interviewRouter } from "./routers/interview";
import { projectRouter } from "./routers/project";
import { provisioningRouter } from "./routers/provisioning";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  audit: auditRouter,
  catalogue: catalogueRouter,
  git: gitRouter,
  project: projectRouter,
  interview: interviewRouter,
  provisioning: provisioningRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: used by server components and by the integration tests. */
export const createCaller = createCallerFactory(appRouter);
