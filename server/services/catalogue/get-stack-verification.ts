import "server-only";
import { catalogueChoices } from "../../../provisioning/catalogue";
import { readStackRecords, type StackRecord } from "../../../provisioning/verification/verified-stacks";
import { stackKnowledge, type StackKnowledge } from "../../../provisioning/verification/stack-knowledge";
import { validateStack, type StackInput } from "../../../provisioning/stack-validation";

/**
 * What Launchpad knows of a stack (provisioning/verification/stack-knowledge.ts), in plain words for
 * the wizard before Save and for the project page: one headline, and the details behind it (what
 * ran, on what, which stand-ins). Information only: it never blocks saving. The records file changes
 * only with a release, so it is read once per process.
 */
export type StackVerificationView = {
  state: StackKnowledge["state"];
  headline: string;
  details: string[];
};

let records: Promise<StackRecord[]> | undefined;

/** "express+postgresql+react+tailwind" as a reader says it: "Express, PostgreSQL, React, Tailwind CSS". */
function stackLabel(key: string): string {
  const choices = catalogueChoices();
  const [backend, database, frontend, css] = key.split("+");
  const label = (category: keyof typeof choices.technologies, slug = "none") =>
    choices.technologies[category].find((tech) => tech.slug === slug)?.label ?? null;
  return [
    label("backend", backend),
    label("database", database),
    label("frontend", frontend),
    label("css", css),
  ]
    .filter((name): name is string => name !== null)
    .join(", ");
}

const recordDetails = (record: StackRecord) => [
  ...record.proven,
  ...record.standIns.map((standIn) => `Stand-in: ${standIn}`),
];

export function describeKnowledge(knowledge: StackKnowledge): Omit<StackVerificationView, "state"> {
  switch (knowledge.state) {
    case "docker":
      return {
        headline: `Launchpad ran this exact stack with Docker on ${knowledge.record.checkedOn}: its own setup.sh, on stand-in images.`,
        details: recordDetails(knowledge.record),
      };
    case "native":
      return {
        headline: `Booted without Docker on ${knowledge.record.checkedOn}${
          knowledge.record.standIns.length > 0 ? `, with ${knowledge.record.standIns.join("; ")}` : ""
        }.`,
        details: recordDetails(knowledge.record),
      };
    case "parts":
      return {
        headline: `Each part of this stack ran in other stacks (${knowledge.parts
          .map((proof) => proof.part)
          .join(", ")}); this exact combination has not run yet.`,
        details: knowledge.parts.map(
          (proof) =>
            `Its ${proof.part} ran in ${stackLabel(proof.stack)}, ${
              proof.method === "docker" ? "with Docker" : "without Docker"
            }, on ${proof.checkedOn}.`,
        ),
      };
    case "static":
      return {
        headline: `Checked without running: ${knowledge.record.reason ?? "it could not run here"}.`,
        details: recordDetails(knowledge.record),
      };
    case "failed":
      return {
        headline: `Launchpad's last run of this stack failed on ${knowledge.record.checkedOn}${
          knowledge.record.reason ? `: ${knowledge.record.reason}` : ""
        }.`,
        details: recordDetails(knowledge.record),
      };
    case "stale":
      return {
        headline: `Checked on ${knowledge.record.checkedOn}, but its files have changed since: not checked with the current versions.`,
        details: [],
      };
    case "unchecked":
      return { headline: "Launchpad has not run or checked this stack yet.", details: [] };
  }
}

export async function getStackVerification(input: StackInput): Promise<StackVerificationView> {
  // The engine's own catalogue decides: the fingerprints are of what it would generate.
  const validated = validateStack(catalogueChoices(), input);
  if (!validated.ok)
    return {
      state: "unchecked",
      headline: validated.problems[0]?.message ?? "Not a valid stack.",
      details: [],
    };
  records ??= readStackRecords().catch((error: unknown) => {
    records = undefined;
    throw error;
  });
  const knowledge = await stackKnowledge(validated.stack, await records);
  return { state: knowledge.state, ...describeKnowledge(knowledge) };
}
