import Form from "next/form";
import Link from "next/link";
import { CATEGORY_TITLES, STACK_CATEGORIES, type Catalogue } from "~/provisioning/stack";
import {
  PROJECT_SEARCH_MAX,
  PROJECT_SORT_LABELS,
  PROJECT_SORTS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  projectListHref,
  type ProjectListQuery,
} from "~/server/shared/project-list";

const FIELD = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * Search, filters and sort as a GET form: its fields are the URL's parameters, so Back works, a
 * filtered list can be shared as a link, and it works before the page's script has loaded
 * (next/form then navigates without a full reload).
 */
export function ProjectListFilters({
  query,
  owners,
  catalogue,
}: {
  query: ProjectListQuery;
  owners: { id: string; name: string }[];
  catalogue: Catalogue;
}) {
  const filtered = Boolean(query.search || query.status || query.ownerId || query.technology);
  return (
    <Form
      // A new URL (Back, a link) remounts the form, so its fields show the list below them.
      key={projectListHref(query)}
      action="/"
      role="search"
      aria-label="Find projects"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="project-search" className="block text-sm font-medium">
          Name
        </label>
        <input
          id="project-search"
          name="q"
          type="search"
          defaultValue={query.search ?? ""}
          maxLength={PROJECT_SEARCH_MAX}
          placeholder="Search by name"
          className={FIELD}
        />
      </div>
      <Select id="project-status" name="status" label="Status" value={query.status}>
        <option value="">Any status but archived</option>
        {PROJECT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {PROJECT_STATUS_LABELS[status]}
          </option>
        ))}
      </Select>
      <Select id="project-owner" name="owner" label="Owner" value={query.ownerId}>
        <option value="">Anyone</option>
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name}
          </option>
        ))}
      </Select>
      <Select id="project-technology" name="tech" label="Technology" value={query.technology}>
        <option value="">Any technology</option>
        {STACK_CATEGORIES.map((category) => (
          <optgroup key={category} label={CATEGORY_TITLES[category]}>
            {catalogue.technologies[category].map((tech) => (
              <option key={tech.slug} value={tech.slug}>
                {tech.label}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <Select id="project-sort" name="sort" label="Sort" value={query.sort}>
        {PROJECT_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {PROJECT_SORT_LABELS[sort]}
          </option>
        ))}
      </Select>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
        <button
          type="submit"
          className="inline-flex min-h-11 items-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Show projects
        </button>
        {filtered && (
          <Link href="/" className="inline-flex min-h-11 items-center px-2 text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        )}
      </div>
    </Form>
  );
}

function Select({
  id,
  name,
  label,
  value,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={FIELD}>
        {children}
      </select>
    </div>
  );
}
