/**
 * `npm run verify:stacks`: boots every generated backend natively against real database servers and
 * checks each first page in Chromium (see server/verify/run.ts). VERIFY_STACKS=all checks every
 * bootable stack instead of CI's set; `-- --unchecked` checks what it takes for no stack to be "not
 * checked" (server/verify/unchecked.ts) and records it. With CI=true a missing prerequisite (database
 * server, Debian's Python packages, Chromium) fails the run. `-- --record` writes
 * provisioning/verified-stacks.json; VERIFY_ONLY (comma-separated stack names) narrows the run.
 */
import { verifyStacks } from "../verify/run";

const unchecked = process.argv.includes("--unchecked");
const which = unchecked ? "unchecked" : process.env.VERIFY_STACKS === "all" ? "all" : "ci";
const strict = process.env.CI === "true" || process.env.CI === "1";
const record = unchecked || process.argv.includes("--record");
// VERIFY_ONLY=a+b+c+d,e+f+g+h: only these stacks (their records are merged into the file).
const only = process.env.VERIFY_ONLY?.split(",").filter(Boolean);
const { ok } = await verifyStacks({ which, strict, record, ...(only?.length ? { only } : {}) });
process.exit(ok ? 0 : 1);
