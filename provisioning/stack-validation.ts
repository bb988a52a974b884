import { z } from "zod";
import {
  CATEGORY_LABELS,
  isKnownChoice,
  normalizeChoice,
  STACK_CATEGORIES,
  violatedRules,
  type Catalogue,
  type RuleCondition,
  type Stack,
  type StackCategory,
  type StackProblem,
} from "./stack";

/**
 * Stack input checked with zod: the schemas of stack.ts's shapes for forms, the API and the
 * catalogue tables, and validateStack. Kept apart from stack.ts so that pages which only show
 * stacks (the wizard) do not load zod.
 */

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

// The hand-written RuleCondition type and the schema must describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const RULE_CONDITION_SHAPE_MATCHES: Same<z.infer<typeof ruleConditionSchema>, RuleCondition> = true;

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
