import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { serverCaller } from "~/app/_trpc/server";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { projectSlugSchema } from "~/server/shared/project";
import { InterviewWizard } from "./_components/interview-wizard";

export const dynamic = "force-dynamic";

export default async function InterviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const { slug } = await params;
  if (!projectSlugSchema.safeParse(slug).success) notFound();
  const caller = await serverCaller();
  const project = await caller.project.get({ slug }).catch(() => null);
  if (!project) notFound();
  // Only the owner and admins answer the interview; everyone else sees the project page.
  if (!can(user, "project.edit", project) || project.archivedAt) redirect(`/projects/${slug}`);
  const interview = await caller.interview.get({ slug }).catch(() => null);
  if (!interview) notFound();
  const catalogue = await caller.catalogue.get();

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {interview.answers.name ?? slug}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Project interview</h1>
        <p className="text-slate-600">Five questions and a review. Each answer is saved as you give it.</p>
      </div>
      <InterviewWizard slug={slug} initial={interview} catalogue={catalogue} />
    </div>
  );
}
