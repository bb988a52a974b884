import type { ProjectPlan } from "../plan/project-plan";
import { appTechnologyFiles, hasOverlay } from "./app-files";
import { ENV_FILE } from "../plan/contribute-app";
import { composeDocument, renderCompose } from "./render-compose";
import { envValues, renderEnvFile } from "./env-file";
import type { GeneratedFile } from "./generated-file";
import type { GeneratorAssets } from "./generator-assets";
import { renderGitignore, renderKeptFolderGitignore } from "./render-gitignore";
import { MANIFEST_FILE, renderManifest } from "./render-manifest";
import { renderReadme } from "./render-readme";
import { renderSetupScript } from "./render-setup-script";
import { renderTechnologyFile } from "./render-technology-file";

export type ProjectFiles = {
  files: GeneratedFile[];
  /** Folders that must exist even while empty (an app's folder waiting for its generator). */
  directories: string[];
  /** What .env and docker-compose.yml must read back as (the checks compare with these). */
  env: Record<string, string>;
  compose: Record<string, unknown>;
};

/** Apps with an overlay/: Launchpad's files laid over the generator's output. */
function overlaidFolders(plan: ProjectPlan, assets: GeneratorAssets): Set<string> {
  return new Set(
    plan.apps
      .filter((app) => hasOverlay(app, assets.technologyFiles.get(app.filesFrom) ?? []))
      .map((app) => app.folder),
  );
}

/** Every file of the project, in the order they are listed in launchpad.json: one renderer each. */
export function buildProjectFiles(plan: ProjectPlan, assets: GeneratorAssets): ProjectFiles {
  const compose = composeDocument(plan);
  const files: GeneratedFile[] = [
    { path: "docker-compose.yml", content: renderCompose(compose), mode: 0o644 },
    { path: ENV_FILE, content: renderEnvFile(plan.env), mode: 0o600 },
    { path: ".gitignore", content: renderGitignore(plan), mode: 0o644 },
    ...plan.keptEmptyFolders.map((folder) => ({
      path: `${folder}/.gitignore`,
      content: renderKeptFolderGitignore(),
      mode: 0o644,
    })),
    ...plan.apps.flatMap((app) => [
      ...appTechnologyFiles(app, assets.technologyFiles.get(app.filesFrom) ?? []).map((file) => ({
        path: file.path,
        content: renderTechnologyFile(`${app.filesFrom}/${file.path}`, file.content, app),
        mode: 0o644,
      })),
      { path: `${app.folder}/.dockerignore`, content: `${app.dockerIgnore.join("\n")}\n`, mode: 0o644 },
    ]),
    ...(plan.databaseFiles
      ? (assets.technologyFiles.get(plan.databaseFiles.filesFrom) ?? []).map((file) => ({
          path: `${plan.databaseFiles!.folder}/${file.path}`,
          content: file.content,
          mode: 0o644,
        }))
      : []),
    {
      path: "setup.sh",
      content: renderSetupScript(plan, assets.setupTemplate, overlaidFolders(plan, assets)),
      mode: 0o755,
    },
    { path: "README.md", content: renderReadme(plan), mode: 0o644 },
  ];
  files.push({ path: MANIFEST_FILE, content: renderManifest(plan, files), mode: 0o644 });
  return { files, directories: plan.directories, env: envValues(plan.env), compose };
}
