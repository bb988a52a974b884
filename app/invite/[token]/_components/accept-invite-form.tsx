"use client";

import { useMutation } from "@tanstack/react-query";
import { signInWithPassword } from "~/app/_auth/sign-in-request";
import { AccountForm } from "~/app/_components/account-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { acceptInviteInputSchema, type AcceptInviteInput } from "~/server/shared/account";

export function AcceptInviteForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.account.acceptInvite.mutationOptions());

  async function submit(input: AcceptInviteInput): Promise<string | null> {
    try {
      await accept.mutateAsync(input);
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
