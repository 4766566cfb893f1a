// npm run bench: runs every benchmark, each in its own node process (no JIT or heap state carried over),
// one after the other. Each prints its table and writes bench/results/<name>.json.
//   npm run bench                      all, full size (about 30-40 minutes on 2 cores)
//   npm run bench -- --quick           small sizes, to check the harness
//   npm run bench -- inbox memory      only these
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHMARKS: { name: string; file: string; nodeArgs?: string[] }[] = [
  { name: "throughput", file: "throughput.ts" },
  { name: "externalTasks", file: "externalTasks.ts" },
  { name: "inbox", file: "inbox.ts" },
  { name: "httpOverhead", file: "httpOverhead.ts" },
  { name: "memory", file: "memory.ts", nodeArgs: ["--expose-gc"] },
];

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const names = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
const failed: string[] = [];
for (const b of selected) {
  console.log(`\n# ${b.name}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...(b.nodeArgs ?? []), "--import", "tsx", path.join(import.meta.dirname, b.file), ...flags], { stdio: "inherit" });
  console.log(`# ${b.name}: ${r.status === 0 ? "done" : `FAILED (exit ${r.status ?? r.signal})`} in ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0) failed.push(b.name);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
