import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { InterviewAnswers } from "../../shared/interview";

/**
 * Saves the answers given so far and the step the user is on, so a reload (or the next day) resumes
 * there. The name and description are the project's own, so they are written to the project too, in
 * the same transaction. The project's folder name (slug) never changes.
 */
export async function saveAnswers(options: {
  db: PrismaClient;
  interviewId: string;
  currentStep: number;
  answers: InterviewAnswers;
}): Promise<{ currentStep: number; answers: InterviewAnswers; updatedAt: Date }> {
  const { db } = options;
  const interview = await db.interview.findUnique({
    where: { id: options.interviewId },
    select: { projectId: true, answers: true },
  });
  if (!interview) throw new AppError("NOT_FOUND", "That interview no longer exists.");
  const answers = { ...(interview.answers as InterviewAnswers), ...options.answers };
  const [saved] = await db.$transaction([
    db.interview.update({
      where: { id: options.interviewId },
      data: { answers, currentStep: options.currentStep },
      select: { updatedAt: true },
    }),
    ...(options.answers.name !== undefined || options.answers.description !== undefined
      ? [
          db.project.update({
            where: { id: interview.projectId },
            data: {
              ...(options.answers.name !== undefined ? { name: options.answers.name } : {}),
              ...(options.answers.description !== undefined
                ? { description: options.answers.description }
                : {}),
            },
          }),
        ]
      : []),
  ]);
  return { currentStep: options.currentStep, answers, updatedAt: saved.updatedAt };
}
