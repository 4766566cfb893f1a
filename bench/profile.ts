// Profiling helper: runs N instances of one model on one database so `node --cpu-prof` can record where
// the time goes. npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts A sqlite 2000
import { createEngine } from "../engine";
import { freshBenchDatabase, type BenchDialect } from "./lib/databases";
import { deployBenchModels, drive, lifecycle, type ModelName } from "./lib/models";

const model = (process.argv[2] ?? "A") as ModelName;
const dialect = (process.argv[3] ?? "sqlite") as BenchDialect;
const total = Number(process.argv[4] ?? 2000);
const database = await freshBenchDatabase(dialect, "prof");
const engine = await createEngine({ databaseUrl: database.url });
await deployBenchModels(engine);
const { runOne } = lifecycle(engine, model);
await drive(200, 1, runOne);
const rate = await drive(total, 1, runOne);
console.log(`${model} on ${dialect}: ${Math.round(rate)} instances/s`);
await engine.close();
await database.drop();
