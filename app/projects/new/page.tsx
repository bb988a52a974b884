import { redirect } from "next/navigation";
import { readSharedStack } from "~/provisioning/shared-stack-link";
import { CATEGORY_TITLES, choiceLabel, STACK_CATEGORIES } from "~/provisioning/stack";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { serverCaller } from "~/app/_trpc/server";
import { NewProjectForm, type SharedStackSummary } from "./_components/new-project-form";

export const dynamic = "force-dynamic";

export default async function NewProjectPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Viewers cannot create projects: the list is their page.
  if (!can(await requireUser(), "project.create")) redirect("/");
  // A shared link (/projects/new?backend=...) proposes answers; reading it creates nothing.
  const params = await searchParams;
  let shared: SharedStackSummary | undefined;
  if (Object.keys(params).length > 0) {
    const catalogue = await (await serverCaller()).catalogue.get();
    const read = readSharedStack(params, catalogue);
    shared = {
      chosen: read.chosen,
      chosenLabels: STACK_CATEGORIES.flatMap((category) => {
        const slug = read.chosen[category];
        return slug
          ? [{ title: CATEGORY_TITLES[category], label: choiceLabel(catalogue, category, slug) }]
          : [];
      }),
      unavailable: read.unavailable.map((entry) => ({
        title: CATEGORY_TITLES[entry.category],
        value: entry.value,
        reason: entry.reason,
      })),
      ignoredKeys: read.ignoredKeys,
    };
  }
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New project</h1>
        <p className="text-slate-600">Give it a name; the interview that follows picks the stack.</p>
      </div>
      <NewProjectForm shared={shared} />
    </div>
  );
}
