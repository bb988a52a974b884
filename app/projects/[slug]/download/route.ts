import { Readable } from "node:stream";
import { auth } from "~/server/auth/auth";
import { authorize } from "~/server/auth/policy";
import { sessionUser } from "~/server/auth/session";
import { db } from "~/server/db/client";
import { isAppError, type AppError } from "~/server/errors/app-error";
import { downloadProject } from "~/server/services/download/download-project";
import { provisioningConfigFromEnv } from "~/server/services/provisioning/provisioning-config";
import { projectSlugSchema } from "~/server/shared/project";
import type { DownloadRefusal } from "~/server/shared/project-download";

/**
 * The project page's "Download as zip" form posts here; the zip streams back as an attachment, so it
 * lands in the browser's downloads. A post, not a link: including .env writes an audit entry, and the
 * request guard refuses posts from other sites. A refusal sends a browser back to the project page
 * with the reason; other clients get the status and the sentence.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = projectSlugSchema.safeParse((await params).slug);
  const isBrowser = request.headers.get("sec-fetch-mode") === "navigate";
  if (!slug.success) return new Response("There is no such project.", { status: 404 });
  const user = await sessionUser(auth(), request.headers);
  if (!user) return isBrowser ? seeOther("/sign-in") : plain(401, "Sign in to use Launchpad.");
  const form = await request.formData().catch(() => null);
  const includeEnv = form?.get("includeEnv") === "on";
  const config = provisioningConfigFromEnv();
  try {
    const download = await downloadProject({
      db: db(),
      projectsDir: config.projectsDir,
      key: config.key,
      slug: slug.data,
      includeEnv,
      authorize: (project, withEnv) => {
        authorize(user, "project.download", project);
        if (withEnv) authorize(user, "project.revealCredentials", project);
      },
      audit: { actor: { id: user.id, email: user.email }, headers: request.headers },
    });
    return new Response(Readable.toWeb(download.stream) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!isAppError(error)) {
      // A folder that cannot be read (permissions, a disk error): the log has the cause.
      console.error(`Downloading projects/${slug.data} failed:`, error);
      if (isBrowser) return seeOther(`/projects/${slug.data}?download=unreadable`);
      return plain(500, "Launchpad could not read the project's folder; the server's log says why.");
    }
    if (isBrowser) return seeOther(`/projects/${slug.data}?download=${refusalOf(error, includeEnv)}`);
    return plain(STATUS[error.code] ?? 400, error.message);
  }
}

const STATUS: Partial<Record<AppError["code"], number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  PROVISIONING_IN_PROGRESS: 409,
  PROJECT_ARCHIVED: 409,
  UNSAFE_PATH: 409,
};

function refusalOf(error: AppError, includeEnv: boolean): DownloadRefusal {
  if (error.code === "PROVISIONING_IN_PROGRESS") return "in-progress";
  if (error.code === "FORBIDDEN") return includeEnv ? "env-forbidden" : "forbidden";
  if (error.code === "UNSAFE_PATH") return "unsafe";
  if (error.code === "PROJECT_ARCHIVED") return "archived";
  return "no-folder";
}

function seeOther(location: string) {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

function plain(status: number, message: string) {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
