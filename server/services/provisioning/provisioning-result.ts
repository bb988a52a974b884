import { z } from "zod";
import { APP_ERROR_CODES } from "../../errors/app-error";
import { FAILURE_FAULTS, PROVISIONING_STEPS, type ProvisioningStep } from "./run-failure";

/**
 * The typed result of one provisioning run: what saveStack and reprovision return, and what the
 * project page renders. Declared as a zod schema so the procedures' `.output()` guarantees the shape;
 * the credentials are strict, so a field the schema does not name (a password) fails loudly in the
 * tests rather than being dropped without anyone noticing.
 *
 * No password here: it leaves the server only through `provisioning.reveal`, which is audited.
 */
export const credentialsSchema = z.strictObject({
  databaseKind: z.enum(["server", "file", "none"]),
  databaseName: z.string().nullable(),
  databaseUser: z.string().nullable(),
  /** True when the database has a password, to reveal with `provisioning.reveal`. */
  hasPassword: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** The connection URL without its password. */
  connectionUrl: z.string().nullable(),
  appPort: z.number().int().nullable(),
  frontendPort: z.number().int().nullable(),
  adminPort: z.number().int().nullable(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

const STEP_NAMES = Object.keys(PROVISIONING_STEPS) as [ProvisioningStep, ...ProvisioningStep[]];

/** Why a run failed: the step, whose fault (the environment's or Launchpad's own) and what fixes it. */
export const runFailureSchema = z.object({
  step: z.enum(STEP_NAMES),
  stepLabel: z.string(),
  fault: z.enum(FAILURE_FAULTS),
  reason: z.string(),
  advice: z.string(),
});
export type RunFailureView = z.infer<typeof runFailureSchema>;

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
  /** What the run's git step did (issue 28): the commit on `launchpad`, or why there is none. */
  git: z.object({ commit: z.string().nullable(), note: z.string() }).nullable(),
  error: z.string().nullable(),
  errorCode: z.enum(APP_ERROR_CODES).nullable(),
  failure: runFailureSchema.nullable(),
});
export type ProvisioningResult = z.infer<typeof provisioningResultSchema>;

/** What `provisioning.reveal` returns: the only response that carries a database password. */
export const revealedCredentialsSchema = z.object({
  password: z.string(),
  /** The connection URL with the password in it. */
  connectionUrl: z.string(),
});
export type RevealedCredentials = z.infer<typeof revealedCredentialsSchema>;
