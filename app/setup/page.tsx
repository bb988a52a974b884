import { redirect } from "next/navigation";
import { db } from "~/server/db/client";
import { hasAnyUser } from "~/server/services/accounts/create-user";
import { SetupForm } from "./_components/setup-form";

export default async function SetupPage() {
  // Once any account exists, setup is over for good.
  if (await hasAnyUser(db())) redirect("/sign-in");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Set up Launchpad</h1>
        <p className="text-slate-600">
          Create the first account; it becomes the admin. The one-time setup token is in the server log (the
          line that starts with “No account yet”).
        </p>
      </div>
      <SetupForm />
    </div>
  );
}
