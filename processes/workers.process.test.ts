// `npx tsx processes/workers.ts` as its own process (what `npm run workers` runs) against a real server whose
// flows were deployed with deployAllFlows: the separate worker process serves every flow's topics.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor } from "./testing/scenario";
import { deployAllFlows, FLOWS } from "./index";

let s: Scenario;
let child: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  s = await Scenario.start({ now: "2026-07-01T08:00:00+08:00" });
  const deployments = await deployAllFlows(s.server.engine, "test");
  expect(deployments.flatMap((d) => d.processDefinitions.map((p) => p.key)).sort()).toEqual(FLOWS.map((f) => f.key).sort());
  // unchanged flows are not deployed again (duplicate filtering by flow key)
  await deployAllFlows(s.server.engine, "test");
  const latest = await s.server.engine.getProcessDefinitions({ latestVersion: true });
  expect(latest.map((d) => d.version)).toEqual(FLOWS.map(() => 1));
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  await s?.stop();
});

describe("processes/workers.ts as a separate process", () => {
  it("serves the flows' topics over HTTP Basic as `worker`", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "processes", "workers.ts")], {
      cwd: root, env: { ...process.env, JINTU_URL: s.url, JINTU_WORKER_USER: "worker", JINTU_WORKER_PASSWORD: "demo" }, stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += String(d)));
    child.stderr!.on("data", (d) => (output += String(d)));
    await waitFor("the worker process to start", async () => output.includes("[jintu-workers] serving"), 20_000);
    expect(output).toContain("geohazard-grade");

    const officer = await s.as("xihu-enforcer");
    const pid = (await officer.startProcess("geohazard-emergency", { tenantId: "330106", businessKey: "DZ-PROC-1", variables: {
      countyCode: "330106", reportedAt: "2026-07-01T08:00:00+08:00", deaths: 0, directLossYuan: 0, threatenedPeople: 600, potentialLossYuan: 0,
    } })).id;
    await officer.waitForTask(pid, "Task_Activate", 20_000);
    expect(await officer.variable(pid, "responseLevelName")).toBe("Ⅱ级");
  });
});
