import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { AccountsAdmin } from "./_components/accounts-admin";

export default async function AdminUsersPage() {
  const user = await requireUser();
  if (!can(user, "accounts.manage")) redirect("/");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
        <p className="text-slate-600">
          Invite people, change roles, make password reset links and deactivate accounts. Changes count on the
          person&apos;s next request.
        </p>
      </div>
      <AccountsAdmin selfId={user.id} />
    </div>
  );
}
