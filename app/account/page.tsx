import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { ChangePasswordForm } from "./_components/change-password-form";
import { OwnSessions } from "./_components/own-sessions";

/** Everyone's own account: their password and the browsers signed in to it. */
export default async function AccountPage() {
  const user = await requireUser();
  // Every signed-in user today; asked here too, so that the rule lives in the policy alone.
  if (!can(user, "account.manageOwn")) redirect("/");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="text-slate-600">
          {user.name}, {user.email} ({user.role})
        </p>
      </div>
      <section aria-labelledby="password-heading" className="max-w-md space-y-3">
        <h2 id="password-heading" className="text-lg font-medium">
          Change your password
        </h2>
        <p className="text-sm text-slate-600">
          Every other browser signed in to your account is signed out; this one stays signed in.
        </p>
        <ChangePasswordForm />
      </section>
      <OwnSessions />
    </div>
  );
}
