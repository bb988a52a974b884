/** One JSON line per stack, then one summary line: what `npm run verify:stacks` prints. */
export type StackReport = {
  stack: string;
  booted: boolean;
  reason?: string;
  health: string;
  cors: string;
  versions: Record<string, string>;
  staticChecks?: string[];
  /** The first page in Chromium: which app served it, the health it showed, how it was styled. */
  page?: { app: string; health: string; styled: string; buildSeconds?: number };
  failure?: { app: string; step: string; output: string };
  /** verify:docker: what the images really were ("on stand-ins (...)"), and what it checked besides. */
  runsOn?: string;
  setupSeconds?: number;
  services?: string;
  admin?: string;
  full?: Record<string, string | number>;
  seconds: number;
};

export function printStack(report: StackReport): void {
  console.log(JSON.stringify(report));
  if (!report.booted) console.error(`${report.stack}: not booted: ${report.reason}`);
  if (report.failure)
    console.error(
      `${report.stack}: ${report.failure.app} failed at "${report.failure.step}"; last lines:\n${report.failure.output}`,
    );
}

export function summarize(reports: StackReport[], seconds: number) {
  const booted = reports.filter((r) => r.booted);
  const notBooted = reports.filter((r) => !r.booted);
  const reasons: Record<string, number> = {};
  for (const report of notBooted) reasons[report.reason ?? "?"] = (reasons[report.reason ?? "?"] ?? 0) + 1;
  return {
    summary: true,
    stacks: reports.length,
    booted: booted.length,
    healthy: booted.filter((r) => r.health === "ok").length,
    corsOk: booted.filter((r) => r.cors === "ok" || r.cors.startsWith("ok ")).length,
    pagesOk: reports.filter((r) => r.page && r.failure === undefined).length,
    frontendsBuilt: reports.filter((r) => r.page?.buildSeconds !== undefined).length,
    failed: reports.filter((r) => r.failure !== undefined).length,
    notBooted: notBooted.length,
    notBootedReasons: reasons,
    seconds: Math.round(seconds * 10) / 10,
  };
}
