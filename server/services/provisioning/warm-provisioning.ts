import "server-only";
import { prepareComposeValidator } from "../../../provisioning/check/compose-schema";
import { loadGeneratorAssets } from "../../../provisioning/render/generator-assets";

let warming: Promise<void> | undefined;

/**
 * Does now what the first provisioning run of this process would otherwise do while a user waits:
 * compiles the Compose schema validator and reads the technologies' templates. Both are kept for
 * the life of the process. Safe to call often; a failure here is left for the real run to report.
 */
export function warmProvisioning(): Promise<void> {
  warming ??= (async () => {
    prepareComposeValidator();
    await loadGeneratorAssets();
  })().catch(() => undefined);
  return warming;
}
