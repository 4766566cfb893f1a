// Fault 3: a worker (a real camunda-external-task-client-js process) dies holding locks. Its tasks must not
// be handed to anyone else before lockDuration ends, must be redelivered after it, and the dead worker's
// late completion must be refused. Time is judged by the server's own lock timestamps, not by test clocks.
import { spawn } from "node:child_process";
import path from "node:path";
import { BasicAuthInterceptor, Client } from "camunda-external-task-client-js";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../engine";
import { modelB, TOPIC_B } from "../lib/models";
import { startServerProcess } from "../lib/serverProcess";
import { faultDatabase, Rest, size } from "./support";

const TASKS = size(3, 40);
const LOCK_MS = size(1_500, 5_000);

describe("a worker that dies holding a lock", () => {
  it("its tasks are redelivered after lockDuration, not before, and its late completion is refused", async () => {
    const database = await faultDatabase("sqlite");
    const setup = await createEngine({ databaseUrl: database.url });
    await setup.deploy({ name: "fault", resources: [{ name: "modelB.bpmn", content: modelB }] });
    for (let i = 0; i < TASKS; i++) await setup.startProcessInstanceByKey("benchB", { businessKey: `lock-${i}` });
    await setup.close();
    const server = await startServerProcess({ DATABASE_URL: database.url, JINTU_JOB_EXECUTOR: "0" });
    const rest = new Rest(server.url);
    try {
      // 1. the doomed worker locks every task, then is killed with SIGKILL
      const worker = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "dyingWorker.ts")], {
        env: { ...process.env, ENGINE_REST: `${server.url}/engine-rest`, TOPIC: TOPIC_B, LOCK_MS: String(LOCK_MS), MAX_TASKS: String(TASKS) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const firstLocks = new Map<string, number>();
      await new Promise<void>((resolve, reject) => {
        worker.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
        let buffer = "";
        worker.stdout!.on("data", (d: Buffer) => {
          buffer += d.toString();
          for (const m of buffer.matchAll(/LOCKED (\{.*\})\n/g)) {
            const t = JSON.parse(m[1]);
            firstLocks.set(t.id, new Date(t.lockExpirationTime).getTime());
          }
          if (firstLocks.size >= TASKS) resolve();
        });
      });
      worker.removeAllListeners("exit");
      worker.kill("SIGKILL");
      expect(firstLocks.size).toBe(TASKS);

      // 2. a healthy worker long-polls the same topic; it gets each task only once its first lock expired
      const redelivered = new Map<string, number>();
      const healthy = new Client({
        baseUrl: `${server.url}/engine-rest`, workerId: "healthy-worker", maxTasks: 10, interval: 50, asyncResponseTimeout: 2_000,
        lockDuration: 60_000, usePriority: false, interceptors: new BasicAuthInterceptor({ username: "worker", password: "demo" }),
      });
      const failures: string[] = [];
      let handled = 0;
      const done = new Promise<void>((resolve) => {
        healthy.subscribe(TOPIC_B, async ({ task }) => {
          // the server locked it at lockExpirationTime - 60 s: that moment must be after the first lock ended
          redelivered.set(task.id!, new Date((task as unknown as { lockExpirationTime: string }).lockExpirationTime).getTime() - 60_000);
          const late = await rest.call("POST", `/external-task/${task.id}/complete`, { workerId: "dying-worker" });
          if (late.status !== 400) failures.push(`late completion by the dead worker answered ${late.status}: ${late.text}`);
          const ok = await rest.call("POST", `/external-task/${task.id}/complete`, { workerId: "healthy-worker" });
          if (ok.status !== 204) failures.push(`completion by the healthy worker answered ${ok.status}: ${ok.text}`);
          if (++handled === TASKS) resolve();
        });
      });
      await done;
      healthy.stop();
      expect(failures).toEqual([]);
      for (const [id, lockedAt] of redelivered) expect(lockedAt).toBeGreaterThanOrEqual(firstLocks.get(id)!);
      expect([...redelivered.keys()].sort()).toEqual([...firstLocks.keys()].sort());
      const left = await rest.call("GET", `/external-task/count?topicName=${TOPIC_B}`);
      expect(left.json.count).toBe(0);
      const ended = await rest.call("GET", "/history/process-instance/count?processDefinitionKey=benchB&finished=true");
      expect(ended.json.count).toBe(TASKS);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 120_000);
});
