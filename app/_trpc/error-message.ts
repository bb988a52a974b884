import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";

/** The sentence to show a person for a failed call: the server's message, never a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    return (error as TRPCClientError<AppRouter>).message;
  }
  return "Launchpad could not reach its server. Check that it is running, then try again.";
}
