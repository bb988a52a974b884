/**
 * Why a download from the project page was refused, as the page shows it: the download is a form
 * post whose refusal comes back as `?download=<reason>` on the project page (a code, never a message
 * from the request, so the address can carry nothing else).
 */
export const DOWNLOAD_REFUSALS = {
  "in-progress":
    "This project is being provisioned right now. Download it when the run has finished: the zip is then one consistent snapshot.",
  "no-folder": "This project has no folder yet: save its stack to provision it, then download it.",
  archived:
    "This project is archived, or its archive is unfinished: finish the archive or restore it, then download it.",
  forbidden: "Only the project's owner or an admin can download its folder.",
  "env-forbidden": "Only the project's owner or an admin can download it with its .env.",
  unsafe: "The project's folder is not a plain folder (a link or a file), so Launchpad does not zip it.",
  unreadable: "Launchpad could not read the project's folder; the server's log says why.",
} as const;

export type DownloadRefusal = keyof typeof DOWNLOAD_REFUSALS;

export function downloadRefusal(value: string | string[] | undefined): string | null {
  return typeof value === "string" && Object.hasOwn(DOWNLOAD_REFUSALS, value)
    ? DOWNLOAD_REFUSALS[value as DownloadRefusal]
    : null;
}
