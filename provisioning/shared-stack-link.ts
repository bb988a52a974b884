import {
  CATEGORY_LABELS,
  isKnownChoice,
  normalizeChoice,
  STACK_CATEGORIES,
  violatedRules,
  type Catalogue,
  type PartialStack,
  type StackCategory,
} from "./stack";

/**
 * A stack kept in a link (issue 27): `/projects/new?backend=express&database=postgresql&...`. The
 * link only proposes answers: opening it creates nothing, and what it names is checked against the
 * catalogue as it is today, so a link made before a technology went, or before a rule came, says so
 * instead of silently choosing something else. Imports nothing but stack.ts, so the wizard can
 * build links without loading more.
 */

/** The longest value a link may carry for one category (a catalogue slug is at most 40). */
const VALUE_MAX = 40;
/** How many unknown keys a note lists, and how much of each. */
const IGNORED_LISTED = 10;

export type Unavailable = { category: StackCategory; value: string; reason: string };

export type SharedStack = {
  /** The answers the link proposes that can be chosen today. */
  chosen: PartialStack;
  /** What the link names that cannot be chosen, each with its reason. */
  unavailable: Unavailable[];
  /** Parameters that are not stack categories, ignored (at most 10 listed, shortened). */
  ignoredKeys: string[];
};

/** The new-project address that proposes `stack` (only the categories it has). */
export function sharedStackHref(stack: PartialStack): string {
  const params = new URLSearchParams();
  for (const category of STACK_CATEGORIES) {
    const value = stack[category];
    if (value) params.set(category, value);
  }
  const query = params.toString();
  return query ? `/projects/new?${query}` : "/projects/new";
}

/** Reads a link's parameters against the catalogue; see SharedStack. */
export function readSharedStack(
  params: Record<string, string | string[] | undefined>,
  catalogue: Catalogue,
): SharedStack {
  const chosen: PartialStack = {};
  const unavailable: Unavailable[] = [];
  for (const category of STACK_CATEGORIES) {
    const raw = params[category];
    const value = normalizeChoice((Array.isArray(raw) ? raw[0] : raw) ?? "");
    if (!value) continue;
    if (value.length > VALUE_MAX) {
      unavailable.push({
        category,
        value: `${value.slice(0, VALUE_MAX)}…`,
        reason: "No technology has a name this long.",
      });
    } else if (!isKnownChoice(catalogue, category, value)) {
      unavailable.push({
        category,
        value,
        reason: `It is not in the ${CATEGORY_LABELS[category]} catalogue (any more).`,
      });
    } else {
      chosen[category] = value;
    }
  }
  // A combination a rule forbids: the answer asked later in the interview gives way, with the
  // rule's reason, until the rest fits together.
  let rule = violatedRules(catalogue.rules, chosen)[0];
  while (rule) {
    const conditions = rule.conditions;
    const involved = STACK_CATEGORIES.filter((category) =>
      conditions.some((condition) => condition.category === category),
    );
    const last = involved[involved.length - 1]!;
    unavailable.push({ category: last, value: chosen[last]!, reason: rule.reason });
    delete chosen[last];
    rule = violatedRules(catalogue.rules, chosen)[0];
  }
  const ignoredKeys = Object.keys(params)
    .filter((key) => !(STACK_CATEGORIES as readonly string[]).includes(key))
    .slice(0, IGNORED_LISTED)
    .map((key) => (key.length > VALUE_MAX ? `${key.slice(0, VALUE_MAX)}…` : key));
  return { chosen, unavailable, ignoredKeys };
}
