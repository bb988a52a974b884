"use client";

import { useMutation } from "@tanstack/react-query";
import { createAccountAndSignIn } from "~/app/_auth/sign-in-request";
import { AccountForm } from "~/app/_components/account-form";
import { useTRPC } from "~/app/_trpc/client";
import { setupInputSchema, type SetupInput } from "~/server/shared/account";

export function SetupForm() {
  const trpc = useTRPC();
  const setup = useMutation(trpc.account.setup.mutationOptions());

  function submit(input: SetupInput): Promise<string | null> {
    return createAccountAndSignIn(() => setup.mutateAsync(input), input);
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
