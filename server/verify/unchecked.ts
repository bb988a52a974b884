import { allValidStacks, type Catalogue, type Stack } from "../../provisioning/stack";
import { partsOf, stackKnowledge } from "../../provisioning/verification/stack-knowledge";
import { readStackRecords } from "../../provisioning/verification/verified-stacks";
import { cannotBoot } from "./stacks";

/**
 * `verify:stacks -- --unchecked`: what it takes for no stack to be "not checked". Of the stacks
 * Launchpad knows nothing current of: each one that cannot boot here (Laravel, MongoDB) gets its
 * static checks; of those that can, a few are booted, chosen greedily so that every part they have
 * that no current proven record covers yet (a Python backend with its database, a frontend calling
 * it) runs once, which proves the rest of them in parts.
 */
export async function uncheckedStacks(catalogue: Catalogue): Promise<Stack[]> {
  const records = await readStackRecords();
  const unknown: Stack[] = [];
  for (const stack of allValidStacks(catalogue)) {
    const { state } = await stackKnowledge(stack, records);
    if (state === "unchecked" || state === "stale") unknown.push(stack);
  }
  const staticOnly = unknown.filter((stack) => cannotBoot(stack) !== null);
  const bootable = unknown.filter((stack) => cannotBoot(stack) === null);

  // The parts current proven records already cover.
  const covered = new Set<string>();
  for (const stack of allValidStacks(catalogue)) {
    const knowledge = await stackKnowledge(stack, records);
    if (knowledge.state === "docker" || knowledge.state === "native")
      for (const part of partsOf(stack)) covered.add(part.key);
  }
  const keysOf = new Map(
    bootable.map((stack) => [
      stack,
      partsOf(stack)
        .map((part) => part.key)
        .filter((key) => !covered.has(key)),
    ]),
  );
  const chosen: Stack[] = [];
  for (;;) {
    let best: Stack | null = null;
    let bestGain = 0;
    for (const [stack, keys] of keysOf) {
      const gain = keys.filter((key) => !covered.has(key)).length;
      if (gain > bestGain) [best, bestGain] = [stack, gain];
    }
    if (!best) break;
    chosen.push(best);
    for (const key of keysOf.get(best)!) covered.add(key);
  }
  return [...chosen, ...staticOnly];
}
