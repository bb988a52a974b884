/**
 * `npm run verify:docker`: runs generated projects' own ./setup.sh with the Docker engine and checks
 * them from this machine (see server/verify/docker/run.ts). VERIFY_STACKS=all runs every stack this
 * machine can run instead of CI's smoke set; VERIFY_ONLY (comma-separated stack names) narrows it.
 * `-- --record` writes each stack's outcome into provisioning/verified-stacks.json as it finishes.
 * Without a Docker engine it says why and skips; with CI=true that is a failure.
 */
import { verifyInDocker } from "../verify/docker/run";

const which = process.env.VERIFY_STACKS === "all" ? "all" : "ci";
const strict = process.env.CI === "true" || process.env.CI === "1";
const only = process.env.VERIFY_ONLY?.split(",").filter(Boolean);
const record = process.argv.includes("--record");
const { ok } = await verifyInDocker({ which, strict, record, ...(only?.length ? { only } : {}) });
process.exit(ok ? 0 : 1);
