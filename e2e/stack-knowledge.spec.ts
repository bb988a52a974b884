import { expect, test } from "@playwright/test";
import { catalogueChoices } from "../provisioning/catalogue";
import { allValidStacks, NONE, type Stack } from "../provisioning/stack";
import { stackKnowledge, type StackKnowledge } from "../provisioning/verification/stack-knowledge";
import { readStackRecords } from "../provisioning/verification/verified-stacks";
import { answerInterview, createProject, uniqueSuffix } from "./helpers";

/**
 * The wizard says before Save, in plain words, what Launchpad knows of the chosen stack, and the
 * project page says the same of the saved stack: one stack for each state the committed record
 * (provisioning/verified-stacks.json) has today, found here from the record itself.
 */
const HEADLINE: Record<StackKnowledge["state"], RegExp> = {
  docker:
    /Launchpad ran this exact stack with Docker on \d{4}-\d{2}-\d{2}: its own setup\.sh, on stand-in images\./,
  native: /Booted without Docker on \d{4}-\d{2}-\d{2}/,
  parts: /Each part of this stack ran in other stacks \(/,
  static: /Checked without running: /,
  failed: /Launchpad's last run of this stack failed on /,
  stale: /but its files have changed since: not checked with the current versions\./,
  unchecked: /Launchpad has not run or checked this stack yet\./,
};

async function oneStackPerState(): Promise<[StackKnowledge["state"], Stack][]> {
  const records = await readStackRecords();
  const found = new Map<StackKnowledge["state"], Stack>();
  for (const stack of allValidStacks(catalogueChoices())) {
    const { state } = await stackKnowledge(stack, records);
    if (!found.has(state)) found.set(state, stack);
  }
  return [...found];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function labelsOf(stack: Stack) {
  const { technologies } = catalogueChoices();
  const label = (category: keyof typeof technologies, slug: string) =>
    new RegExp(
      `^${escape(slug === NONE ? "None" : technologies[category].find((tech) => tech.slug === slug)!.label)}`,
    );
  return {
    backend: label("backend", stack.backend),
    database: label("database", stack.database),
    frontend: label("frontend", stack.frontend),
    css: label("css", stack.css),
  };
}

test("the wizard and the project page say what Launchpad knows of a stack, for each state the record has", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const cases = await oneStackPerState();
  // Today's record: stacks that ran whole with Docker, booted natively, were proven in parts and
  // were only checked statically all occur.
  expect(cases.map(([state]) => state)).toEqual(expect.arrayContaining(["docker", "native", "static"]));
  for (const [state, stack] of cases) {
    await test.step(`${state}: ${Object.values(stack).join("+")}`, async () => {
      const slug = await createProject(page, `Known ${uniqueSuffix()}`);
      await answerInterview(page, labelsOf(stack));
      const note = page.getByTestId("stack-verification");
      await expect(note).toHaveAttribute("data-state", state);
      await expect(note).toContainText(HEADLINE[state]);
      if (state !== "unchecked" && state !== "stale") {
        await note.getByText("Details").click();
        await expect(note.getByRole("listitem").first()).toBeVisible();
      }
      if (state === cases[0]![0]) {
        // The project page says the same of the saved stack.
        const saved = page.waitForResponse((response) => response.url().includes("interview.saveStack"));
        await page.getByRole("button", { name: "Save" }).click();
        expect((await saved).ok()).toBe(true);
        await page.goto(`/projects/${slug}`);
        await expect(page.getByTestId("stack-verification")).toContainText(HEADLINE[state]);
      }
    });
  }
});
