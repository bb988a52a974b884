import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** What each procedure takes and returns, as the browser sees it: client types come from here. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The credentials a provisioning result and "Show credentials" carry. */
export type Credentials = RouterOutputs["provisioning"]["credentials"]["credentials"];

/** The password and full connection URL, from the audited `provisioning.reveal`. */
export type RevealedCredentials = RouterOutputs["provisioning"]["reveal"];
