/**
 * `npm run verify:stacks`: boots every generated backend natively against real database servers
 * (see server/verify/run.ts). VERIFY_STACKS=all checks every bootable stack instead of CI's set.
 * With CI=true a missing prerequisite (database server, Debian's Python packages) fails the run.
 */
import { verifyStacks } from "../verify/run";

const which = process.env.VERIFY_STACKS === "all" ? "all" : "ci";
const strict = process.env.CI === "true" || process.env.CI === "1";
const { ok } = await verifyStacks({ which, strict });
process.exit(ok ? 0 : 1);
