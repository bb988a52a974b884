"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AccountForm } from "~/app/_components/account-form";
import { Alert } from "~/app/_components/ui/alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { changePasswordInputSchema } from "~/server/shared/account";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [endedSessions, setEndedSessions] = useState<number | null>(null);

  return (
    <div className="space-y-3">
      <AccountForm
        idPrefix="change-password"
        focusFirstField={false}
        fields={[
          {
            name: "currentPassword",
            label: "Current password",
            type: "password",
            autoComplete: "current-password",
          },
          {
            name: "newPassword",
            label: "New password",
            type: "password",
            autoComplete: "new-password",
            isNewPassword: true,
          },
        ]}
        schema={changePasswordInputSchema}
        toInput={(values) => values}
        submit={async (input) => {
          setEndedSessions(null);
          try {
            setEndedSessions((await change.mutateAsync(input)).sessionsEnded);
          } catch (failure) {
            return errorMessage(failure);
          }
          await queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
          return null;
        }}
        submitLabel="Change the password"
        pendingLabel="Changing…"
      />
      {endedSessions !== null && (
        <Alert tone="success">
          Your password was changed.{" "}
          {endedSessions === 1 ? "1 other session was ended." : `${endedSessions} other sessions were ended.`}
        </Alert>
      )}
    </div>
  );
}
