import "server-only";
import { catalogueChoices } from "../../../provisioning/catalogue";
import {
  readStackRecords,
  stackVerification,
  type StackRecord,
} from "../../../provisioning/verification/verified-stacks";
import { validateStack, type StackInput } from "../../../provisioning/stack";

/**
 * What verify:stacks proved of a stack, for the wizard to show before Save: the record when it was
 * made from the files Launchpad would generate now, "not checked with the current versions" when
 * they changed since, or that it was never checked. The records file changes only with a release,
 * so it is read once per process.
 */
export type StackVerificationView = {
  status: "current" | "stale" | "unchecked";
  message: string;
  record: Pick<StackRecord, "checkedOn" | "outcome" | "method" | "proven" | "reason" | "standIns"> | null;
};

let records: Promise<StackRecord[]> | undefined;

export async function getStackVerification(input: StackInput): Promise<StackVerificationView> {
  // The engine's own catalogue decides: the fingerprint is of what it would generate.
  const validated = validateStack(catalogueChoices(), input);
  if (!validated.ok)
    return {
      status: "unchecked",
      message: validated.problems[0]?.message ?? "Not a valid stack.",
      record: null,
    };
  records ??= readStackRecords().catch((error: unknown) => {
    records = undefined;
    throw error;
  });
  const verification = await stackVerification(validated.stack, await records);
  if (verification.status === "unchecked")
    return { status: "unchecked", message: verification.message, record: null };
  const { checkedOn, outcome, method, proven, reason, standIns } = verification.record;
  const record = { checkedOn, outcome, method, proven, standIns, ...(reason ? { reason } : {}) };
  if (verification.status === "stale") return { status: "stale", message: verification.message, record };
  return {
    status: "current",
    message:
      outcome !== "proven"
        ? `${outcome} on ${checkedOn}`
        : method === "docker"
          ? `ran this exact stack with Docker, its own setup.sh, on ${checkedOn} (on stand-in images: see what ran)`
          : `booted without Docker on ${checkedOn}`,
    record,
  };
}
