import { z } from "zod";
import { APP_ERROR_CODES } from "../../errors/app-error";

/**
 * The typed result of one provisioning run: what saveStack and reprovision return, and what the
 * project page renders. Declared as a zod schema so the procedures' `.output()` guarantees the shape.
 */
export const credentialsSchema = z.object({
  databaseKind: z.enum(["server", "file", "none"]),
  databaseName: z.string().nullable(),
  databaseUser: z.string().nullable(),
  password: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  connectionUrl: z.string().nullable(),
  appPort: z.number().int().nullable(),
  frontendPort: z.number().int().nullable(),
  adminPort: z.number().int().nullable(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const provisioningResultSchema = z.object({
  attempted: z.boolean(),
  success: z.boolean(),
  status: z.enum(["succeeded", "failed", "skipped"]),
  runId: z.string().nullable(),
  attempt: z.number().int().nullable(),
  projectName: z.string(),
  projectSlug: z.string(),
  projectPath: z.string().nullable(),
  credentials: credentialsSchema.nullable(),
  nextSteps: z.array(z.string()),
  urls: z.array(z.object({ label: z.string(), url: z.string() })),
  scriptsUsed: z.array(z.string()),
  checksPassed: z.array(z.string()),
  filesKeptAsNew: z.array(z.string()),
  error: z.string().nullable(),
  errorCode: z.enum(APP_ERROR_CODES).nullable(),
});
export type ProvisioningResult = z.infer<typeof provisioningResultSchema>;
