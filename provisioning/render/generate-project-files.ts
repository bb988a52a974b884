import { chooseTechnologies } from "../plan/choose-technologies";
import { planProject, type PlanInput } from "../plan/plan-project";
import { buildProjectFiles, type ProjectFiles } from "./build-project-files";
import { loadGeneratorAssets } from "./generator-assets";

/**
 * A stack's files without a database or a projects folder: plan, then render. What a preview, a CLI
 * or a snapshot test uses; provisioning itself does the same steps with its own inputs in between.
 */
export async function generateProjectFiles(input: Omit<PlanInput, "technologies">): Promise<ProjectFiles> {
  const plan = planProject({ ...input, technologies: chooseTechnologies(input.stack) });
  return buildProjectFiles(plan, await loadGeneratorAssets());
}
