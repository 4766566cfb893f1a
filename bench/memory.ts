// Benchmark 5: memory. One node starts model A instances that stay running (each waits in its user task)
// and keeps working on them; state lives in the database, so RSS should not grow with the number of
// running instances. RSS and heap (after a forced GC when run with --expose-gc, as bench/run.ts does)
// after 10,000 and 100,000 running instances, on SQLite.
import { createEngine } from "../engine";
import { freshBenchDatabase } from "./lib/databases";
import { deployBenchModels, drive } from "./lib/models";
import { printTable, quick, writeResult } from "./lib/report";
import { round } from "./lib/stats";

const CHECKPOINTS = quick ? [1_000, 5_000] : [10_000, 100_000];
const gc = (globalThis as { gc?: () => void }).gc;

function snapshot(running: number) {
  gc?.();
  const m = process.memoryUsage();
  return { running, "rss MiB": round(m.rss / 2 ** 20), "heapUsed MiB": round(m.heapUsed / 2 ** 20), "external MiB": round(m.external / 2 ** 20), gcForced: !!gc };
}

async function main() {
  const database = await freshBenchDatabase("sqlite", "mem");
  const engine = await createEngine({ databaseUrl: database.url });
  const rows: ReturnType<typeof snapshot>[] = [];
  // sampled in the loop: SQLite commands complete without yielding to timers, so an interval would not run
  let peakRss = 0;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    await deployBenchModels(engine);
    rows.push(snapshot(0));
    let started = 0;
    const t0 = performance.now();
    for (const target of CHECKPOINTS) {
      const from = started;
      await drive(target - from, 2, async (i) => {
        await engine.startProcessInstanceByKey("benchA", { businessKey: `mem-${from + i}`, variables: { area: 300, countyCode: "330106" } });
        if (i % 500 === 0) sample();
      });
      started = target;
      // keep working on old instances too: complete 200 of the oldest open tasks (new ones replace them)
      const old = await engine.getTasks({ processDefinitionKey: "benchA", sorting: [{ sortBy: "created", sortOrder: "asc" }], maxResults: 200 });
      for (const t of old) await engine.completeTask(t.id);
      await drive(old.length, 2, (i) => engine.startProcessInstanceByKey("benchA", { businessKey: `mem-r-${target}-${i}`, variables: { area: 300 } }).then(() => undefined));
      const running = await engine.countProcessInstances({ processDefinitionKey: "benchA" });
      sample();
      rows.push(snapshot(running));
      console.log(`${running.toLocaleString("en-US")} running instances after ${Math.round((performance.now() - t0) / 1000)} s: rss ${rows.at(-1)!["rss MiB"]} MiB`);
    }
  } finally {
    await engine.close();
    await database.drop();
  }
  const peak = round(peakRss / 2 ** 20);
  printTable("Memory of one node holding running instances (SQLite)", rows);
  console.log(`\npeak RSS ${peak} MiB`);
  const file = writeResult("memory", { rows, peakRssMiB: peak }, { quick });
  console.log(`wrote ${file}`);
}

await main();
