"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { AccountForm } from "~/app/_components/account-form";
import { Alert } from "~/app/_components/ui/alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { resetPasswordInputSchema, type ResetPasswordInput } from "~/server/shared/account";

/**
 * The new password for a reset link. No automatic sign-in afterwards: whoever opens the link may be
 * signed in as someone else in this browser (an admin trying it), and that session should not be
 * replaced behind their back.
 */
export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const [doneFor, setDoneFor] = useState<string | null>(null);

  async function submit(input: ResetPasswordInput): Promise<string | null> {
    try {
      setDoneFor((await reset.mutateAsync(input)).email);
      return null;
    } catch (failure) {
      return errorMessage(failure);
    }
  }

  if (doneFor) {
    return (
      <Alert tone="success" title="Your new password is set">
        <p>
          {doneFor} was signed out everywhere.{" "}
          <Link href="/sign-in" className="font-medium underline">
            Sign in with the new password
          </Link>
          .
        </p>
      </Alert>
    );
  }
  return (
    <AccountForm
      idPrefix="reset"
      fields={[
        {
          name: "password",
          label: "New password",
          type: "password",
          autoComplete: "new-password",
          isNewPassword: true,
        },
      ]}
      schema={resetPasswordInputSchema}
      toInput={(values) => ({ token, ...values })}
      submit={submit}
      submitLabel="Set the new password"
      pendingLabel="Setting…"
    />
  );
}
