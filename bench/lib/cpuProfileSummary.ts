// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by function and by file/package, to say where
// the time of a benchmark goes. Usage: npx tsx bench/lib/cpuProfileSummary.ts <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

export function summarize(profile: Profile, top = 25) {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...byNode.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const n of profile.nodes) {
    const t = byNode.get(n.id) ?? 0;
    if (!t) continue;
    const url = n.callFrame.url.replace(/^file:\/\//, "");
    const where = url.includes("node_modules/") ? "npm:" + url.split("node_modules/").pop()!.split("/").slice(0, url.includes("node_modules/@") ? 2 : 1).join("/")
      : url.includes("/work/main/") ? url.split("/work/main/")[1] : url || "(native/gc)";
    const name = `${n.callFrame.functionName || "(anonymous)"} ${where}:${n.callFrame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + t);
    file.set(where, (file.get(where) ?? 0) + t);
  }
  const pct = (t: number) => Math.round((t / total) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, t]) => ({ where: k, selfPct: pct(t), selfMs: Math.round(t / 1000) }));
  return { totalMs: Math.round(total / 1000), functions: sorted(fn), files: sorted(file) };
}

if (process.argv[1]?.endsWith("cpuProfileSummary.ts")) {
  const s = summarize(JSON.parse(readFileSync(process.argv[2], "utf8")), Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs} ms`);
  console.table(s.files);
  console.table(s.functions);
}
