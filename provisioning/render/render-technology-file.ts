import type { PlannedApp } from "../plan/project-plan";
import { TOOLCHAIN_FACTS } from "../toolchains";
import { IMAGES, type ImageName } from "../versions";

const IMAGE_TOKEN = /\{\{image:([A-Za-z]+)\}\}/g;
/** A line of its own in a Dockerfile: where the driver's build tools are installed, when it needs any. */
const BUILD_TOOLS_LINE = /^\{\{driver-build-tools\}\}\n/m;

/**
 * A technology folder's file as it goes into the project: `{{image:<name>}}` becomes the pinned image
 * of provisioning/versions.ts, so a Dockerfile names no version of its own, and the line
 * `{{driver-build-tools}}` becomes the instructions that install the system packages the app's
 * database driver needs (its toolchain says how), or nothing. An unknown name, or build tools an app
 * needs and its Dockerfile has no place for, is an error in Launchpad, found by the snapshot and
 * catalogue tests, never a file with a token left in it or an image that cannot install its driver.
 */
export function renderTechnologyFile(
  path: string,
  content: string,
  app?: Pick<PlannedApp, "toolchain" | "buildPackages">,
): string {
  const withImages = content.replace(IMAGE_TOKEN, (_token, name: string) => {
    if (!(name in IMAGES)) throw new Error(`${path} names an unknown image: ${name}`);
    return IMAGES[name as ImageName];
  });
  if (!BUILD_TOOLS_LINE.test(withImages)) {
    if (app && app.buildPackages.length > 0 && path.endsWith("/Dockerfile"))
      throw new Error(`${path} has no {{driver-build-tools}} line for ${app.buildPackages.join(" ")}`);
    return withImages;
  }
  const packages = app?.buildPackages ?? [];
  const instructions =
    app && packages.length > 0 ? TOOLCHAIN_FACTS[app.toolchain].installBuildPackages(packages) : "";
  return withImages.replace(BUILD_TOOLS_LINE, () => instructions);
}
