/**
 * The stack a project chooses, and the rules that decide which stacks are allowed. This module imports
 * nothing, so that the browser (wizard) and the server (saveStack) run the very same checks and the
 * wizard's first load carries no validation library; checking input with zod is stack-validation.ts's job.
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

/** One condition of a rule: the category's value is (or is not) one of the listed slugs. */
export type RuleCondition = { category: StackCategory; in?: string[]; notIn?: string[] };

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

/** Every complete stack the catalogue and its rules allow ("none" included in each category). */
export function allValidStacks(catalogue: Catalogue): Stack[] {
  let partials: PartialStack[] = [{}];
  for (const category of STACK_CATEGORIES) {
    const choices = [...catalogue.technologies[category].map((tech) => tech.slug), NONE];
    partials = partials.flatMap((partial) => choices.map((slug) => ({ ...partial, [category]: slug })));
  }
  // Every choice comes from the catalogue, so only the rules can rule a stack out.
  return (partials as Stack[]).filter((stack) => violatedRules(catalogue.rules, stack).length === 0);
}
