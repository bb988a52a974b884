import { z } from "zod";

/**
 * The stack a project chooses, and the rules that decide which stacks are allowed. This module imports
 * nothing but zod so that the browser (wizard) and the server (saveStack) run the very same checks.
 */

export const STACK_CATEGORIES = ["backend", "database", "frontend", "css"] as const;
export type StackCategory = (typeof STACK_CATEGORIES)[number];

/** "none" is valid in every category: it is not a technology, it means "not needed". */
export const NONE = "none";

export type Stack = Record<StackCategory, string>;
export type PartialStack = Partial<Record<StackCategory, string>>;

export const CATEGORY_LABELS: Record<StackCategory, string> = {
  backend: "backend",
  database: "database",
  frontend: "frontend",
  css: "CSS",
};

/** Headings for the categories (CATEGORY_LABELS is for use inside sentences). */
export const CATEGORY_TITLES: Record<StackCategory, string> = {
  backend: "Backend",
  database: "Database",
  frontend: "Frontend",
  css: "CSS",
};

/** The label a person reads for a chosen slug ("None" for none, the slug itself when unknown). */
export function choiceLabel(catalogue: Catalogue, category: StackCategory, slug: string): string {
  if (slug === NONE) return "None";
  return catalogue.technologies[category].find((tech) => tech.slug === slug)?.label ?? slug;
}

/** Catalogue values are matched case-insensitively and without surrounding spaces. */
export function normalizeChoice(value: string): string {
  return value.trim().toLowerCase();
}

const choice = z
  .string({ error: "Choose an option." })
  .max(40, "That value is too long to be a technology.")
  .transform(normalizeChoice)
  .refine((value) => value.length > 0, "Choose an option.");

/** The shape of a stack as it arrives from a form or the API, before the catalogue is consulted. */
export const stackInputSchema = z.object({
  backend: choice,
  database: choice,
  frontend: choice,
  css: choice,
});
export type StackInput = z.input<typeof stackInputSchema>;

/** One condition of a rule: the category's value is (or is not) one of the listed slugs. */
export const ruleConditionSchema = z
  .object({
    category: z.enum(STACK_CATEGORIES),
    in: z.array(z.string()).optional(),
    notIn: z.array(z.string()).optional(),
  })
  .refine((c) => (c.in === undefined) !== (c.notIn === undefined), "Give exactly one of in / notIn.");
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

/** A forbidden combination: the rule is violated when every one of its conditions holds. */
export type CompatibilityRule = { code: string; reason: string; conditions: RuleCondition[] };

export type CatalogueChoice = { slug: string; label: string; description: string };
export type Catalogue = {
  technologies: Record<StackCategory, CatalogueChoice[]>;
  rules: CompatibilityRule[];
};

export type StackProblem = { code: string; message: string; categories: StackCategory[] };

function conditionHolds(condition: RuleCondition, value: string): boolean {
  if (condition.in) return condition.in.includes(value);
  return !(condition.notIn ?? []).includes(value);
}

/**
 * The rules that `stack` violates. Categories not answered yet are unknown, so a rule that depends on
 * one of them is not reported: this is what lets the wizard judge each answer as it is given.
 */
export function violatedRules(rules: CompatibilityRule[], stack: PartialStack): CompatibilityRule[] {
  return rules.filter((rule) =>
    rule.conditions.every((condition) => {
      const value = stack[condition.category];
      return value !== undefined && conditionHolds(condition, value);
    }),
  );
}

/** Why `slug` cannot be chosen for `category` given the other answers, or null when it can. */
export function reasonChoiceIsDisabled(
  rules: CompatibilityRule[],
  otherAnswers: PartialStack,
  category: StackCategory,
  slug: string,
): string | null {
  const violated = violatedRules(rules, { ...otherAnswers, [category]: slug }).filter((rule) =>
    rule.conditions.some((condition) => condition.category === category),
  );
  return violated.length > 0 ? violated.map((rule) => rule.reason).join(" ") : null;
}

export function isKnownChoice(catalogue: Catalogue, category: StackCategory, slug: string): boolean {
  return slug === NONE || catalogue.technologies[category].some((tech) => tech.slug === slug);
}

/**
 * Checks a complete stack against the catalogue and its rules. Returns every problem at once: each
 * unknown technology and each violated rule with its reason.
 */
export function validateStack(
  catalogue: Catalogue,
  input: StackInput,
): { ok: true; stack: Stack } | { ok: false; problems: StackProblem[] } {
  const parsed = stackInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        code: "malformed",
        message: `${CATEGORY_LABELS[issue.path[0] as StackCategory] ?? "stack"}: ${issue.message}`,
        categories: STACK_CATEGORIES.filter((category) => category === issue.path[0]),
      })),
    };
  }
  const stack = parsed.data;
  const problems: StackProblem[] = [];
  for (const category of STACK_CATEGORIES) {
    if (!isKnownChoice(catalogue, category, stack[category])) {
      problems.push({
        code: "unknown-technology",
        message: `Technology '${stack[category]}' is not in the ${CATEGORY_LABELS[category]} catalogue.`,
        categories: [category],
      });
    }
  }
  if (problems.length === 0) {
    for (const rule of violatedRules(catalogue.rules, stack)) {
      problems.push({
        code: rule.code,
        message: rule.reason,
        categories: [...new Set(rule.conditions.map((condition) => condition.category))],
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, stack };
}

/** Every complete stack the catalogue and its rules allow ("none" included in each category). */
export function allValidStacks(catalogue: Catalogue): Stack[] {
  let partials: PartialStack[] = [{}];
  for (const category of STACK_CATEGORIES) {
    const choices = [...catalogue.technologies[category].map((tech) => tech.slug), NONE];
    partials = partials.flatMap((partial) => choices.map((slug) => ({ ...partial, [category]: slug })));
  }
  return partials.flatMap((stack) => {
    const result = validateStack(catalogue, stack as Stack);
    return result.ok ? [result.stack] : [];
  });
}
