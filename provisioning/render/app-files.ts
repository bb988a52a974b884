import { driverSetName } from "../driver-sets";
import type { PlannedApp } from "../plan/project-plan";
import type { StaticFile } from "./generator-assets";

const CSS_FOLDER = "css/";
const DRIVERS_FOLDER = "drivers/";

/**
 * The project paths of an app's technology files. `css/<choice>/` holds what differs per CSS
 * framework, `drivers/<set>/` what differs per database driver (a starter's manifest and lockfile
 * with that driver only): only the app's own choice is taken, laid where the app's code comes from
 * (over the generator's output through overlay/, or over Launchpad's starter in app/), and a file
 * there replaces the common file of the same path. Without a database the common files stay.
 */
export function appTechnologyFiles(app: PlannedApp, files: readonly StaticFile[]): StaticFile[] {
  const chosen = [`${CSS_FOLDER}${app.css}/`, `${DRIVERS_FOLDER}${driverSetName(app.drivers)}/`];
  const isVariant = (path: string) => path.startsWith(CSS_FOLDER) || path.startsWith(DRIVERS_FOLDER);
  const codeFolder = app.generator ? "overlay" : "app";
  const byPath = new Map<string, string>();
  for (const file of files) if (!isVariant(file.path)) byPath.set(file.path, file.content);
  for (const prefix of chosen)
    for (const file of files)
      if (file.path.startsWith(prefix))
        byPath.set(`${codeFolder}/${file.path.slice(prefix.length)}`, file.content);
  return [...byPath].map(([path, content]) => ({ path: `${app.folder}/${path}`, content }));
}

/** Whether setup.sh lays an overlay/ over the app's generator output. */
export const hasOverlay = (app: PlannedApp, files: readonly StaticFile[]) =>
  app.generator !== null &&
  appTechnologyFiles(app, files).some((file) => file.path.startsWith(`${app.folder}/overlay/`));
