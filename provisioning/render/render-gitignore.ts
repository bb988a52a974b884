import type { ProjectPlan } from "../plan/project-plan";

/** The project's .gitignore: .env, the database file and what each app's toolchain installs. */
export function renderGitignore(plan: ProjectPlan): string {
  return [...plan.ignoreLines, ""].join("\n");
}

/** The .gitignore of a folder kept in git while its content is not (the SQLite folder). */
export function renderKeptFolderGitignore(): string {
  return "*\n!.gitignore\n";
}
