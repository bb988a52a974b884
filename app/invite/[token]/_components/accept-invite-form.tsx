"use client";

import { useMutation } from "@tanstack/react-query";
import { createAccountAndSignIn } from "~/app/_auth/sign-in-request";
import { AccountForm } from "~/app/_components/account-form";
import { useTRPC } from "~/app/_trpc/client";
import { acceptInviteInputSchema, type AcceptInviteInput } from "~/server/shared/account";

export function AcceptInviteForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.account.acceptInvite.mutationOptions());

  function submit(input: AcceptInviteInput): Promise<string | null> {
    return createAccountAndSignIn(() => accept.mutateAsync(input), input);
  }

  return (
    <AccountForm
      idPrefix="invite"
      fields={[
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
      schema={acceptInviteInputSchema}
      toInput={(values) => ({ token, ...values })}
      submit={submit}
      submitLabel="Create my account"
      pendingLabel="Creating…"
    />
  );
}
