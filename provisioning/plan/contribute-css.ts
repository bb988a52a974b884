import type { AppSpec, ContainerStep } from "../technology-spec";

/**
 * The steps that add a CSS framework to the app it styles: the frontend, or the backend when there
 * is no frontend (the catalogue's rules allow that only for backends that render HTML). A pair the
 * catalogue does not cover is an error, never a silently unstyled project.
 */
export function contributeCss(options: {
  css: { slug: string; label: string };
  target: { label: string; spec: AppSpec } | undefined;
}): ContainerStep[] {
  const { css, target } = options;
  if (!target) throw new Error(`${css.label} has no app to style.`);
  if (target.spec.builtInCss.includes(css.slug)) return [];
  const steps = target.spec.cssSteps[css.slug];
  if (!steps) throw new Error(`The catalogue does not say how to add ${css.label} to ${target.label}.`);
  return steps;
}
