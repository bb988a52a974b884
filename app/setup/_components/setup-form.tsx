"use client";

import { useMutation } from "@tanstack/react-query";
import { signInWithPassword } from "~/app/_auth/sign-in-request";
import { AccountForm } from "~/app/_components/account-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { setupInputSchema, type SetupInput } from "~/server/shared/account";

export function SetupForm() {
  const trpc = useTRPC();
  const setup = useMutation(trpc.account.setup.mutationOptions());

  async function submit(input: SetupInput): Promise<string | null> {
    try {
      await setup.mutateAsync(input);
    } catch (failure) {
      return errorMessage(failure);
    }
    const signInFailure = await signInWithPassword(input.email, input.password);
    if (signInFailure) return `Your account was created, but signing in failed: ${signInFailure}`;
    window.location.assign("/");
    return null;
  }

  return (
    <AccountForm
      idPrefix="setup"
      fields={[
        { name: "token", label: "Setup token", autoComplete: "off" },
        { name: "name", label: "Your name", autoComplete: "name" },
        { name: "email", label: "Email", type: "email", autoComplete: "username" },
        {
          name: "password",
          label: "Password",
          type: "password",
          autoComplete: "new-password",
          isNewPassword: true,
        },
      ]}
      schema={setupInputSchema}
      toInput={(values) => values}
      submit={submit}
      submitLabel="Create the admin account"
      pendingLabel="Creating…"
    />
  );
}
