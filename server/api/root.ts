import "server-only";
import { catalogueRouter } from "./routers/catalogue";
import { projectRouter } from "./routers/project";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  catalogue: catalogueRouter,
  project: projectRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: used by server components and by the integration tests. */
export const createCaller = createCallerFactory(appRouter);
