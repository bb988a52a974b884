import { NONE, STACK_CATEGORIES, type Stack } from "../stack";
import { findTechnology, type CatalogueTechnology } from "../catalogue";

/**
 * A stack names a technology the engine's catalogue does not have: the catalogue the stack was
 * validated against and the engine's disagree. The engine's own error: it imports nothing of the server.
 */
export class UnknownTechnologyError extends Error {
  override readonly name = "UnknownTechnologyError";
  constructor(
    readonly category: string,
    readonly slug: string,
  ) {
    super(`Technology '${slug}' is not in the ${category} catalogue.`);
  }
}

/**
 * The catalogue entries of a stack's technologies ("none" has none), in category order. They come
 * from the catalogue in the code, never from database rows, so nothing written into the database can
 * change what goes into a generated file.
 */
export function chooseTechnologies(stack: Stack): CatalogueTechnology[] {
  return STACK_CATEGORIES.filter((category) => stack[category] !== NONE).map((category) => {
    const technology = findTechnology(category, stack[category]);
    if (!technology) throw new UnknownTechnologyError(category, stack[category]);
    return technology;
  });
}
