/**
 * `npm run verify:docker`: runs generated projects' own ./setup.sh with the Docker engine and checks
 * them from this machine (see server/verify/docker/run.ts). Which stacks:
 *
 * - by default CI's smoke set (5 stacks);
 * - `-- --pairs`: a set in which every part of every runnable stack (backend with database, frontend
 *   with CSS, frontend calling backend) runs whole once (14 stacks);
 * - `-- --all` (or VERIFY_STACKS=all): every stack this machine can run, in resumable batches.
 *
 * `--pairs` and `--all` record each stack's outcome in provisioning/verified-stacks.json as it
 * finishes and skip stacks that already ran with Docker with the current files, so a stopped run
 * goes on where it stopped (`--again` runs them anyway). `--record` records the smoke set too.
 * VERIFY_ONLY (comma-separated stack names) narrows any set. Without a Docker engine it says why and
 * skips; with CI=true that is a failure.
 */
import { verifyInDocker } from "../verify/docker/run";

const flag = (name: string) => process.argv.includes(`--${name}`);
const which = flag("all") || process.env.VERIFY_STACKS === "all" ? "all" : flag("pairs") ? "pairs" : "ci";
const batch = which !== "ci";
const strict = process.env.CI === "true" || process.env.CI === "1";
const only = process.env.VERIFY_ONLY?.split(",").filter(Boolean);
const { ok } = await verifyInDocker({
  which,
  strict,
  record: batch || flag("record"),
  resume: batch && !flag("again"),
  ...(only?.length ? { only } : {}),
});
process.exit(ok ? 0 : 1);
