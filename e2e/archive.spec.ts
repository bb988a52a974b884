import { execFileSync } from "node:child_process";
import { lstat } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createProject, createSavedProject, PROJECTS_DIR, uniqueSuffix } from "./helpers";

/**
 * Archive, restore and purge on the project page (issue 29), in Chromium against the real app and
 * its real projects folder: a wrong name is refused; a failure is injected in the middle of each
 * operation (`chattr +i`, as root: CI is) and the page shows the step and its reason, then the retry
 * finishes it; the list shows the archived project apart; after the purge its name is free again.
 */
const ARCHIVE = path.join(PROJECTS_DIR, ".archive");

function chattr(flag: "+i" | "-i", target: string) {
  execFileSync("chattr", ["-R", flag, target]);
}

const exists = (target: string) =>
  lstat(target).then(
    () => true,
    () => false,
  );

test("archive, restore and purge, each stopped once by an immutable folder and finished by the retry", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Archive ${uniqueSuffix()}`;
  const slug = await createSavedProject(page, name);
  const folder = path.join(PROJECTS_DIR, slug);
  const archived = path.join(ARCHIVE, slug);

  // Archive: the command that stops the containers comes first; a wrong name is refused.
  const section = page.getByRole("region", { name: "Archive", exact: true });
  await expect(section.getByTestId("compose-down-command")).toHaveText(`docker compose -p ${slug} down -v`);
  await section.getByRole("button", { name: "Archive…" }).click();
  await section.getByLabel(`Type the project's name, ${name}, to confirm`).fill("Something else");
  await section.getByRole("button", { name: "Archive the project" }).click();
  await expect(section.getByRole("alert")).toContainText("The name you typed does not match.");
  expect(await exists(folder)).toBe(true);

  // A folder that cannot be moved: the step and its reason are shown, nothing is changed.
  chattr("+i", folder);
  try {
    await section.getByLabel(`Type the project's name, ${name}, to confirm`).fill(name);
    await section.getByRole("button", { name: "Archive the project" }).click();
    const failure = section.getByRole("alert");
    await expect(failure).toContainText("Archive stopped at “Moving the folder to projects/.archive”");
    await expect(failure).toContainText("permission denied");
    await expect(failure).toContainText("Nothing was changed");
  } finally {
    chattr("-i", folder);
  }
  await section.getByRole("button", { name: "Archive the project" }).click();

  const archivedSection = page.getByRole("region", { name: "Archived", exact: true });
  await expect(archivedSection).toContainText(`Its folder waits in projects/.archive/${slug} until`);
  await expect(archivedSection.getByRole("alert")).toHaveCount(0);
  expect(await exists(folder)).toBe(false);
  expect(await exists(archived)).toBe(true);
  await expect(page.getByRole("link", { name: "Change the stack" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Re-provision/ })).toHaveCount(0);
  // Its runs stay in the history, but the folder they wrote is not shown as where it is now.
  const provisioning = page.getByRole("region", { name: "Provisioning", exact: true });
  await expect(provisioning.getByRole("table", { name: "Provisioning history" })).toContainText("succeeded");
  await expect(provisioning).not.toContainText("Next steps");
  await expect(provisioning.getByText("Archived", { exact: true })).toBeVisible();
  await expect(provisioning).not.toContainText(folder);

  // The list shows it only under its own filter, with its retention end.
  await page.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(page.getByText("No projects match.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
  await page.goto(`/?q=${encodeURIComponent(name)}&status=archived`);
  const card = page.getByRole("listitem").filter({ hasText: name });
  await expect(card).toContainText("Archived");
  await expect(card).toContainText(/Kept until .+ \(UTC\), then purged/);
  await card.getByRole("link", { name }).click();

  // Restore, stopped once by an archived folder that cannot be moved back.
  chattr("+i", archived);
  try {
    await archivedSection.getByRole("button", { name: "Restore the project" }).click();
    const failure = archivedSection.getByRole("alert");
    await expect(failure).toContainText("Restore stopped at “Moving the folder back from projects/.archive”");
    await expect(failure).toContainText("The project stays archived");
  } finally {
    chattr("-i", archived);
  }
  await archivedSection.getByRole("button", { name: "Restore the project" }).click();
  const restored = page.getByRole("region", { name: "Archive", exact: true });
  const notes = restored.getByRole("status").filter({ hasText: "Restored." });
  await expect(notes).toContainText("Took its ports again");
  await expect(notes).toContainText("read back from its .env");
  expect(await exists(folder)).toBe(true);

  // Archive again, then purge, stopped once by a file that cannot be removed.
  await restored.getByRole("button", { name: "Archive…" }).click();
  await restored.getByLabel(`Type the project's name, ${name}, to confirm`).fill(name);
  await restored.getByRole("button", { name: "Archive the project" }).click();
  await expect(archivedSection).toBeVisible();
  await archivedSection.getByRole("button", { name: "Purge now…" }).click();
  await archivedSection.getByLabel(`Type the project's name, ${name}, to confirm`).fill(name);
  const stuck = path.join(archived, "backend");
  chattr("+i", stuck);
  try {
    await archivedSection.getByRole("button", { name: "Purge for good" }).click();
    const failure = archivedSection.getByRole("alert");
    await expect(failure).toContainText("Purge stopped at “Removing the folder for good”");
    await expect(failure).toContainText(`Could not remove projects/.archive/${slug}/backend`);
  } finally {
    chattr("-i", stuck);
  }
  await archivedSection.getByRole("button", { name: "Purge for good" }).click();
  // The refreshed page says it was purged, and when; so does its address from now on.
  await expect(page.getByRole("heading", { name: "Purged", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    `The project "${slug}" was purged on ${new Date().toISOString().slice(0, 10)}: its folder and records are gone for good`,
  );
  expect(await exists(archived)).toBe(false);

  // Its name is free again.
  expect(await createProject(page, name)).toBe(slug);
});
