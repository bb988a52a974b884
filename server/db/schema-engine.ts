import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";

/**
 * Prisma's schema engine compiled to WebAssembly. The native engine is a download that cannot happen
 * everywhere (see docs/decisions/002-migrations-without-native-engine.md); this one ships inside an
 * npm package. Node 20 cannot import a `.wasm` file as a module, so it is instantiated here by hand.
 */
type SchemaEngineModule = typeof SchemaEngineBindings;

let loaded: Promise<SchemaEngineModule> | undefined;

async function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(bindingsPath)) as SchemaEngineModule & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const bytes = await readFile(bindingsPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

/**
 * Returns the SQL that creates, on an empty PostgreSQL database, exactly what `schemaText` describes,
 * as `prisma migrate diff --from-empty --to-schema --script` would print it. `databaseUrl` must reach
 * a PostgreSQL server; nothing is written to it.
 */
export async function sqlForSchema(schemaText: string, databaseUrl: string): Promise<string> {
  loaded ??= loadSchemaEngineModule();
  const { SchemaEngine } = await loaded;
  // The engine connects at start even for a diff that reads no database, so it needs a live one.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    () => undefined,
    adapter,
  );
  try {
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
