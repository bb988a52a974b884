import type { PlannedApp, ProjectPlan } from "../plan/project-plan";
import type { ContainerStep } from "../technology-spec";
import { shellQuote, shellWords } from "./shell-quote";

const STEPS_MARKER = "  # @generated-steps\n";
const URLS_MARKER = "  # @generated-urls\n";
const AFTER_START_MARKER = "  # @generated-after-start\n";

/**
 * setup.sh: the fixed template (provisioning/templates/setup.sh) with the plan's steps put in place
 * of its two markers. Catalogue values are shell-quoted words; the template is split at the markers,
 * not filled with String.replace, whose `$` patterns would rewrite `$$` or `$&` in a command.
 */
export function renderSetupScript(
  plan: ProjectPlan,
  template: string,
  /** Folders ("frontend") whose app gets Launchpad's files laid over the generator's output. */
  overlaid: ReadonlySet<string> = new Set(),
): string {
  const steps = [
    `check_ports ${shellWords(plan.portVariables)}`,
    ...plan.apps.flatMap((app) => appSteps(app, overlaid.has(app.folder))),
    ...plan.emptyFiles.map((file) => `create_empty_file ${shellQuote(file)}`),
    ...plan.mountPoints.map((folder) => `create_mount_point ${shellQuote(folder)}`),
  ];
  const afterStart = plan.apps.flatMap((app) =>
    app.migrateCommand && plan.connection.kind !== "none"
      ? [
          `say ${shellQuote(`Applying the ${app.label} database migrations`)}`,
          `run_in_service ${shellWords([app.folder, ...app.migrateCommand])}`,
        ]
      : [],
  );
  const urlLines = plan.urls.map(
    (url) => `print_url ${shellWords([url.label, url.variable, url.path ?? ""])}`,
  );
  const filled = fillMarker(template, STEPS_MARKER, indent(steps));
  return fillMarker(
    fillMarker(filled, AFTER_START_MARKER, indent(afterStart)),
    URLS_MARKER,
    indent(urlLines),
  );
}

/** What setup.sh does for one app before the containers start: create it, or style Launchpad's starter. */
function appSteps(app: PlannedApp, overlaid: boolean): string[] {
  const folder = `${app.folder}/app`;
  const steps = app.generator ? [app.generator, ...app.cssSteps, ...app.driverSteps] : app.cssSteps;
  if (steps.length === 0) return [];
  const needsToolchain = steps.some((step) => step.image === undefined);
  const runIn = (where: string) => (step: ContainerStep) =>
    `  run_in_container ${shellQuote(where)} ${step.image ? shellQuote(step.image) : '"$toolchain"'} ${shellWords(step.command)}`;
  const toolchain = needsToolchain ? [`  toolchain=$(toolchain_image ${shellQuote(app.folder)})`] : [];
  if (app.generator) {
    // Launchpad's files go over the generator's output before the CSS steps, which may build them.
    return [
      `if folder_is_empty ${shellQuote(folder)}; then`,
      `  say ${shellQuote(`Creating the ${app.label} app in ${folder}`)}`,
      `  begin_app ${shellQuote(folder)}`,
      ...toolchain,
      runIn(`${folder}.creating`)(app.generator),
      ...(overlaid ? [`  lay_overlay ${shellQuote(app.folder)}`] : []),
      ...[...app.cssSteps, ...app.driverSteps].map(runIn(`${folder}.creating`)),
      `  finish_app ${shellQuote(folder)}`,
      `fi`,
    ];
  }
  // The starter is Launchpad's and never empty: a marker in it records that the CSS steps ran.
  return [
    `if ! app_is_styled ${shellQuote(folder)}; then`,
    `  say ${shellQuote(`Adding the CSS framework to the ${app.label} app in ${folder}`)}`,
    ...toolchain,
    ...steps.map(runIn(folder)),
    `  mark_app_styled ${shellQuote(folder)}`,
    `fi`,
  ];
}

const indent = (lines: string[]) => lines.map((line) => `  ${line}\n`).join("");

function fillMarker(template: string, marker: string, content: string): string {
  const at = template.indexOf(marker);
  if (at < 0 || template.indexOf(marker, at + 1) >= 0) {
    throw new Error(`The setup.sh template must contain ${JSON.stringify(marker.trim())} exactly once`);
  }
  return template.slice(0, at) + content + template.slice(at + marker.length);
}
