import { AppError } from "../../server/errors/app-error";
import { NONE, STACK_CATEGORIES, type Stack } from "../../server/shared/stack";
import { findTechnology, type CatalogueTechnology } from "../catalogue";

/**
 * The catalogue entries of a stack's technologies ("none" has none), in category order. They come
 * from the catalogue in the code, never from database rows, so nothing written into the database can
 * change what goes into a generated file.
 */
export function chooseTechnologies(stack: Stack): CatalogueTechnology[] {
  return STACK_CATEGORIES.filter((category) => stack[category] !== NONE).map((category) => {
    const technology = findTechnology(category, stack[category]);
    if (!technology) {
      throw new AppError(
        "INVALID_STACK",
        `Technology '${stack[category]}' is not in the ${category} catalogue.`,
      );
    }
    return technology;
  });
}
