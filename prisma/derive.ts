// Derives the per-provider schema folders from the single source in prisma/schema/.
// Prisma allows one provider per schema, so prisma/sqlite/schema and prisma/postgresql/schema are
// generated copies (committed, checked by prisma/derive.test.ts) that differ only in the provider line.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const providers = ["sqlite", "postgresql"] as const;
export type Provider = (typeof providers)[number];

const here = import.meta.dirname;
const sourceDir = path.join(here, "schema");

export function derivedSchema(provider: Provider): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(sourceDir).filter((f) => f.endsWith(".prisma")).sort()) {
    let text = readFileSync(path.join(sourceDir, name), "utf8");
    if (name === "main.prisma") {
      text = text.replace(/provider = "sqlite"/, `provider = "${provider}"`);
      text = text.replace(/output {5}= "..\/generated"/, `output     = "../../generated/${provider}"`);
    }
    files.set(name, `// GENERATED from prisma/schema/${name} by prisma/derive.ts — edit the source, not this file.\n${text}`);
  }
  return files;
}

export function schemaDir(provider: Provider): string {
  return path.join(here, provider, "schema");
}

function writeAll(): void {
  for (const provider of providers) {
    const dir = schemaDir(provider);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of derivedSchema(provider)) writeFileSync(path.join(dir, name), text);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) writeAll();
