import { redirect } from "next/navigation";
import { currentUser } from "~/server/auth/current-user";
import { db } from "~/server/db/client";
import { hasAnyUser } from "~/server/services/accounts/create-user";
import { SignInForm } from "./_components/sign-in-form";

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  if (!(await hasAnyUser(db()))) redirect("/setup");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-slate-600">Use the email and password your Launchpad admin set up for you.</p>
      </div>
      <SignInForm />
    </div>
  );
}
