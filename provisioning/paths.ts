import path from "node:path";

/**
 * Where Launchpad's own provisioning files are. Resolved from the working directory (the repository
 * root, where `npm start` runs): inside the Next.js bundle import.meta would not point at the sources.
 */
export const PROVISIONING_DIR = path.resolve("provisioning");
export const TECHNOLOGIES_DIR = path.join(PROVISIONING_DIR, "technologies");
export const TEMPLATES_DIR = path.join(PROVISIONING_DIR, "templates");
export const SCRIPTS_DIR = path.join(PROVISIONING_DIR, "scripts");
