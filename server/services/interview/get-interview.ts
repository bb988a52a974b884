import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { interviewAnswersSchema, type InterviewAnswers } from "../../shared/interview";

export type InterviewState = {
  id: string;
  projectId: string;
  projectSlug: string;
  answers: InterviewAnswers;
  currentStep: number;
  status: "in_progress" | "completed";
  stackSavedAt: Date | null;
  /** When the answers were last saved: the wizard keeps the newer of two copies it holds. */
  updatedAt: Date;
};

/** The interview of a project, with its answers so far (for resuming where the user left off). */
export async function getInterview(options: { db: PrismaClient; slug: string }): Promise<InterviewState> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      stackSavedAt: true,
      interview: { select: { id: true, answers: true, currentStep: true, status: true, updatedAt: true } },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
  // A project always gets its interview at creation; this covers rows made some other way.
  const interview =
    project.interview ??
    (await options.db.interview.create({
      data: {
        projectId: project.id,
        answers: { name: project.name, description: project.description },
        currentStep: 2,
      },
      select: { id: true, answers: true, currentStep: true, status: true, updatedAt: true },
    }));
  const parsed = interviewAnswersSchema.safeParse(interview.answers);
  return {
    id: interview.id,
    projectId: project.id,
    projectSlug: project.slug,
    answers: parsed.success ? parsed.data : { name: project.name, description: project.description },
    currentStep: interview.currentStep,
    status: interview.status,
    stackSavedAt: project.stackSavedAt,
    updatedAt: interview.updatedAt,
  };
}
