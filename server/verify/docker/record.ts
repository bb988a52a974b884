import type { Stack } from "../../../provisioning/stack";
import { stackFingerprint } from "../../../provisioning/verification/stack-fingerprint";
import { stackKey, type StackRecord } from "../../../provisioning/verification/verified-stacks";
import type { StackReport } from "../report";
import { outcomeOf, writeRecords } from "../record";
import type { StandIn } from "./stand-ins";

/**
 * `verify:docker -- --record`: what one stack's run proved, as a verified-stacks.json record with
 * method "docker", written as soon as the stack is done so that a long run can be resumed.
 */
function provenItems(report: StackReport): string[] {
  if (!report.booted) return [];
  const items = [`ran its own ./setup.sh with Docker (${report.setupSeconds ?? "?"} s)`];
  if (report.services) items.push(`services: ${report.services}`);
  if (report.health === "ok") items.push("/health answered 200 and named its database after a real query");
  if (report.cors.startsWith("ok")) items.push(`CORS: ${report.cors}`);
  if (report.admin) items.push(`Adminer: ${report.admin}`);
  if (report.page) {
    items.push(`first page in Chromium showed the health: ${report.page.health}`);
    items.push(`first page styled: ${report.page.styled}`);
  }
  for (const [name, value] of Object.entries(report.full ?? {}))
    if (typeof value === "string") items.push(`${name}: ${value}`);
  return items;
}

export async function dockerRecord(
  stack: Stack,
  report: StackReport,
  standIns: StandIn[],
  checkedOn: string,
): Promise<StackRecord> {
  const { outcome, reason } = outcomeOf(report);
  return {
    stack: stackKey(stack),
    fingerprint: await stackFingerprint(stack),
    checkedOn,
    outcome,
    method: "docker",
    proven: provenItems(report),
    ...(reason ? { reason } : {}),
    versions: report.versions,
    standIns: standIns.filter((s) => s.standIn).map((s) => `${s.runs} for ${s.tag}`),
  };
}

export async function recordDockerRun(stack: Stack, report: StackReport, standIns: StandIn[]): Promise<void> {
  // Only what ran: a stack that cannot run here keeps its native or static record.
  if (!report.booted && !report.failure) return;
  await writeRecords([await dockerRecord(stack, report, standIns, new Date().toISOString().slice(0, 10))]);
}
