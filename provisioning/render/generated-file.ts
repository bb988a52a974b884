/** A file of a generated project: its path inside the project, its text and its mode. */
export type GeneratedFile = { path: string; content: string; mode: number };
