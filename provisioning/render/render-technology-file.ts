import { IMAGES, type ImageName } from "../versions";

const IMAGE_TOKEN = /\{\{image:([A-Za-z]+)\}\}/g;

/**
 * A technology folder's file as it goes into the project: `{{image:<name>}}` becomes the pinned image
 * of provisioning/versions.ts, so a Dockerfile names no version of its own. An unknown name is an
 * error in Launchpad, found by the snapshot and catalogue tests, never a file with a token left in it.
 */
export function renderTechnologyFile(path: string, content: string): string {
  return content.replace(IMAGE_TOKEN, (_token, name: string) => {
    if (!(name in IMAGES)) throw new Error(`${path} names an unknown image: ${name}`);
    return IMAGES[name as ImageName];
  });
}
