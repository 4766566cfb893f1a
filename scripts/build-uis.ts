// Builds the browser apps (designer, portal, forms demo) with Vite. `--if-missing` builds only the
// apps without a dist/ yet, so `npm start` on a fresh clone builds once and later starts stay fast.
import { existsSync } from "node:fs";
import path from "node:path";
import { build } from "vite";

const root = path.resolve(import.meta.dirname, "..");
const apps = ["designer", "portal", "forms"];
const onlyMissing = process.argv.includes("--if-missing");

for (const app of apps) {
  const config = path.join(root, app, "vite.config.ts");
  if (!existsSync(config)) continue;
  if (onlyMissing && existsSync(path.join(root, app, "dist", "index.html"))) continue;
  const started = Date.now();
  await build({ configFile: config, logLevel: "warn" });
  console.log(`[jintu] built ${app}/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
