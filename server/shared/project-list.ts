import { z } from "zod";
import { PROJECT_NAME_MAX } from "./project";

/**
 * What the project list can be asked for: the API's input, and what the list page reads from its
 * URL. Shared by the server (which filters and pages in SQL) and the page (which builds its links).
 */

/** "archived" lists only the archived projects; every other filter, and none, leaves them out. */
export const PROJECT_STATUSES = ["interview", "provisioning", "provisioned", "failed", "archived"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  interview: "Interview in progress",
  provisioning: "Provisioning",
  provisioned: "Provisioned",
  failed: "Provisioning failed",
  archived: "Archived",
};

export const PROJECT_SORTS = ["changed", "created", "name"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const PROJECT_SORT_LABELS: Record<ProjectSort, string> = {
  changed: "Last change",
  created: "Newest first",
  name: "Name (A-Z)",
};

export const PROJECT_PAGE_SIZE = 20;
/** A search longer than the longest possible name cannot match anything. */
export const PROJECT_SEARCH_MAX = PROJECT_NAME_MAX;
/** Enough for 20 million projects; a larger page number is a typo or a probe. */
const PAGE_MAX = 1_000_000;
/** Catalogue keys and user ids are short; anything longer is not one of them. */
const KEY_MAX = 100;

export const projectListInputSchema = z
  .object({
    search: z
      .string()
      .trim()
      .max(PROJECT_SEARCH_MAX, `Search for at most ${PROJECT_SEARCH_MAX} characters.`)
      .optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    ownerId: z.string().min(1).max(KEY_MAX).optional(),
    technology: z.string().min(1).max(KEY_MAX).optional(),
    sort: z.enum(PROJECT_SORTS).default("changed"),
    page: z.number().int().min(1).max(PAGE_MAX).default(1),
  })
  .strict();

export type ProjectListInput = z.input<typeof projectListInputSchema>;
export type ProjectListQuery = z.output<typeof projectListInputSchema>;

/** The URL's names for the list's parameters: short, and stable because people share these links. */
export type ProjectListParams = {
  q?: string;
  status?: string;
  owner?: string;
  tech?: string;
  sort?: string;
  page?: string;
};

/**
 * Reads the list page's URL. Nothing in a URL is an error the page fails on: a value that cannot be
 * used is left out, and a note says which and why, so a stale or mistyped link still shows a list.
 * Owner and technology values are checked against what exists (the caller passes both).
 */
export function parseProjectListParams(
  params: Record<string, string | string[] | undefined>,
  known: { ownerIds: ReadonlySet<string>; technologies: ReadonlySet<string> },
): { query: ProjectListQuery; notes: string[] } {
  const notes: string[] = [];
  const first = (name: keyof ProjectListParams) => {
    const value = params[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const query: ProjectListQuery = { sort: "changed", page: 1 };

  const search = first("q")?.trim();
  if (search) {
    if (search.length > PROJECT_SEARCH_MAX) {
      notes.push(
        `The search was ignored: it is ${search.length} characters long, and names have at most ${PROJECT_SEARCH_MAX}.`,
      );
    } else query.search = search;
  }

  const status = first("status");
  if (status) {
    if ((PROJECT_STATUSES as readonly string[]).includes(status)) query.status = status as ProjectStatus;
    else notes.push(`The status filter ${quote(status)} was ignored: there is no such status.`);
  }

  const owner = first("owner");
  if (owner) {
    if (known.ownerIds.has(owner)) query.ownerId = owner;
    else notes.push(`The owner filter was ignored: no one with that id owns a project.`);
  }

  const technology = first("tech");
  if (technology) {
    if (known.technologies.has(technology)) query.technology = technology;
    else notes.push(`The technology filter ${quote(technology)} was ignored: it is not in the catalogue.`);
  }

  const sort = first("sort");
  if (sort) {
    if ((PROJECT_SORTS as readonly string[]).includes(sort)) query.sort = sort as ProjectSort;
    else notes.push(`The sort order ${quote(sort)} was ignored: the list is sorted by last change.`);
  }

  const page = first("page");
  if (page) {
    const number = /^\d{1,7}$/.test(page) ? Number(page) : NaN;
    if (number >= 1 && number <= PAGE_MAX) query.page = number;
    else notes.push(`The page number ${quote(page)} was ignored: the first page is shown.`);
  }

  return { query, notes };
}

/** The URL of the list with these parameters; defaults are left out so links stay short. */
export function projectListHref(query: Partial<ProjectListQuery>): string {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.status) params.set("status", query.status);
  if (query.ownerId) params.set("owner", query.ownerId);
  if (query.technology) params.set("tech", query.technology);
  if (query.sort && query.sort !== "changed") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

/** A value from a URL, shortened and quoted so a note never repeats 10,000 characters back. */
function quote(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}
