// Acceptance suite: every models/<name>.trace.json is replayed against a fresh engine with a fresh
// database (a temporary SQLite file, or a new PostgreSQL database when JINTU_TEST_DATABASE_URL is set).
// Expected states follow Camunda 7 semantics; a difference fails with the model, the step and what differed.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, test } from "vitest";
import type { DelegateExecution, DelegateTask, Engine } from "../api";
import { ControlledClock, createEngine } from "../index";
import { replayTrace } from "./replay";
import { loadTraces } from "./trace";

const MODELS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "models");
/** Monday 2026-03-02 09:00 in Beijing. */
const START = new Date("2026-03-02T01:00:00.000Z");

/** Handlers and expression functions the models rely on (documented in README.md). */
const handlers = {
  calculateFee: (execution: DelegateExecution) => {
    execution.setVariable("fee", Number(execution.getVariable("area")) * 100);
  },
  collectFee: (execution: DelegateExecution) => {
    execution.setVariable("feeCollected", true);
  },
  // a task listener receives the task (Camunda's DelegateTask)
  assignByRegion: (execution: DelegateExecution) => {
    const task = execution as DelegateTask;
    const county = String(task.getVariable("countyCode"));
    task.assignee = `duty-${county}`;
    task.addCandidateGroup(`clerk@${county}`);
  },
  markClosed: (execution: DelegateExecution) => {
    execution.setVariable("closed", true);
  },
};
const expressionFunctions = {
  cityOf: (code: unknown) => `${String(code).slice(0, 4)}00`,
  provinceOf: (code: unknown) => `${String(code).slice(0, 2)}0000`,
};

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let databaseCounter = 0;

async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.JINTU_TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "jintu-acceptance-"));
    return { url: `file:${path.join(dir, "engine.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // One database per model: signals and due jobs are engine-wide, so models must not share one.
  const name = `jintu_acc_${process.pid}_${Date.now()}_${databaseCounter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

const traces = loadTraces(MODELS_DIR);

describe("engine acceptance (Camunda 7 semantics)", () => {
  test("the suite has at least 28 models", () => {
    expect(traces.length).toBeGreaterThanOrEqual(28);
  });

  for (const trace of traces) {
    test(`${trace.model}: ${trace.description}`, async () => {
      const database = await freshDatabase();
      const clock = new ControlledClock();
      clock.set(START);
      let engine: Engine | null = null;
      try {
        const opened: Engine = await createEngine({ databaseUrl: database.url, clock, handlers, expressionFunctions, nodeId: "acceptance" });
        engine = opened;
        await replayTrace(trace, opened, clock, MODELS_DIR);
      } finally {
        await engine?.close();
        await database.drop();
      }
    });
  }
});
