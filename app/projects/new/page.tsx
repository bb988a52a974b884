import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { NewProjectForm } from "./_components/new-project-form";

export default async function NewProjectPage() {
  // Viewers cannot create projects: the list is their page.
  if (!can(await requireUser(), "project.create")) redirect("/");
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New project</h1>
        <p className="text-slate-600">Give it a name; the interview that follows picks the stack.</p>
      </div>
      <NewProjectForm />
    </div>
  );
}
