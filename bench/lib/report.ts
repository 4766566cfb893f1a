// Printing a benchmark's table and writing its JSON under bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { machineInfo } from "./machine";

export const resultsDir = path.resolve(import.meta.dirname, "../results");

export function printTable(title: string, rows: Record<string, unknown>[]): void {
  console.log(`\n## ${title}\n`);
  if (rows.length === 0) {
    console.log("(no rows)");
    return;
  }
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "number" ? formatNumber(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => "| " + vals.map((v, i) => v.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(cols));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 1 });
}

/** Writes bench/results/<name>.json with the machine description next to the data. */
export function writeResult(name: string, data: unknown, extra: Record<string, unknown> = {}): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ benchmark: name, machine: machineInfo(), ...extra, data }, null, 2) + "\n");
  return file;
}

/** `--quick` (or BENCH_QUICK=1): smaller sizes and fewer runs, to check the harness works. */
export const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
