import { Alert } from "~/app/_components/ui/alert";
import { db } from "~/server/db/client";
import { resetLinkProblem } from "~/server/services/accounts/password-resets";
import { ResetPasswordForm } from "./_components/reset-password-form";

/**
 * Where an admin's password reset link leads: anyone with the link may set the account's new
 * password (the token is the proof), once, within the hour. A link that cannot work says why at
 * once, instead of after a password was typed; the submit checks the link again.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const problem = await resetLinkProblem({ db: db(), token });
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Set a new password</h1>
        <p className="text-slate-600">
          An admin made this link for you. It works once; every browser signed in to your account is signed
          out.
        </p>
      </div>
      {problem ? <Alert tone="error">{problem}</Alert> : <ResetPasswordForm token={token} />}
    </div>
  );
}
