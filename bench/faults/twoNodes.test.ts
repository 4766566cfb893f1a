// Fault 2: two server nodes on one PostgreSQL database, both running their job executor, each with its own
// external-task worker, under a load of instances that wait on a timer and then on an external task.
// Node A is killed with SIGKILL while it holds job and task locks; node B must take over the expired
// locks and the due jobs. In the end every timer job ran exactly once, every external task was
// completed once, and every instance ended. Needs JINTU_TEST_DATABASE_URL (PostgreSQL).
import { afterAll, describe, expect, it } from "vitest";
import { BasicAuthInterceptor, Client } from "camunda-external-task-client-js";
import { createEngine } from "../../engine";
import { startServerProcess, type ServerChild } from "../lib/serverProcess";
import { faultDatabase, openDatabase, postgresBase, Rest, size } from "./support";

const INSTANCES = size(40, 400);
const LOCK_MS = size(2_000, 5_000);
const TOPIC = "fault-two-nodes";

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_twoNodes" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="twoNodes" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">\${delay}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" />
    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="${TOPIC}"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

function worker(server: ServerChild, name: string, completions: Map<string, string[]>): Client {
  const rest = new Rest(server.url, { username: "worker", password: "demo" });
  const client = new Client({
    baseUrl: `${server.url}/engine-rest`, workerId: name, maxTasks: 5, interval: 50, asyncResponseTimeout: 1_000, lockDuration: LOCK_MS,
    usePriority: false, interceptors: new BasicAuthInterceptor({ username: "worker", password: "demo" }),
  });
  client.subscribe(TOPIC, async ({ task }) => {
    try {
      const res = await rest.call("POST", `/external-task/${task.id}/complete`, { workerId: name });
      if (res.status === 204) completions.set(task.id!, [...(completions.get(task.id!) ?? []), name]);
    } catch {
      // the node died under the request: not acknowledged
    }
  });
  return client;
}

describe.skipIf(!postgresBase)("two nodes on one PostgreSQL, one killed", () => {
  const report: Record<string, unknown> = {};
  afterAll(() => console.log("two-node fault test:", JSON.stringify(report)));

  it("the survivor takes over expired locks and due jobs; each job ran once, each external task completed once", async () => {
    const database = await faultDatabase("postgres");
    const setup = await createEngine({ databaseUrl: database.url });
    await setup.deploy({ name: "two-nodes", resources: [{ name: "twoNodes.bpmn", content: MODEL }] });
    await setup.close();
    const env = { DATABASE_URL: database.url, JINTU_JOB_LOCK_MS: String(LOCK_MS), JINTU_JOB_IDLE_MS: "200", JINTU_LOGIN_RATE_LIMIT: "1000000" };
    // one after the other: two nodes seeding the demo organisation into a fresh database at the same moment
    // race (duplicate key at start, or a node whose casbin policy misses the other's grants)
    const nodeA = await startServerProcess(env);
    const nodeB = await startServerProcess(env);
    const completions = new Map<string, string[]>();
    const workers = [worker(nodeA, "worker-A", completions), worker(nodeB, "worker-B", completions)];
    const db = await openDatabase(database.url);
    try {
      // instances started on both nodes, timers due 1–3 s later
      const restA = new Rest(nodeA.url);
      const restB = new Rest(nodeB.url);
      for (let i = 0; i < INSTANCES; i++) {
        const res = await (i % 2 ? restA : restB).call("POST", "/process-definition/key/twoNodes/start", {
          businessKey: `two-${i}`, variables: { delay: { value: `PT${1 + (i % 3)}S`, type: "String" } },
        });
        expect(res.status, res.text).toBe(200);
      }
      // kill node A once it holds locks (acquired jobs or locked external tasks), or after 10 s at most
      let heldJobs = 0;
      let heldTasks = 0;
      for (let waited = 0; waited < 10_000; waited += 100) {
        heldJobs = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "job" WHERE "lock_owner" = ? AND "lock_expiration" > ?`, [nodeA.nodeId!, Date.now()]))?.n ?? 0);
        heldTasks = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "external_task" WHERE "worker_id" = 'worker-A' AND "lock_expiration" > ?`, [Date.now()]))?.n ?? 0);
        if (heldJobs + heldTasks > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await nodeA.kill9();
      workers[0].stop();
      report.lockedByKilledNode = { jobs: heldJobs, externalTasks: heldTasks };
      // node B alone finishes everything (within the test timeout)
      for (;;) {
        const ended = await restB.call("GET", "/history/process-instance/count?processDefinitionKey=twoNodes&finished=true");
        if (ended.json?.count === INSTANCES) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      workers[1].stop();

      const one = async (sql: string) => db.all<{ process_instance_id: string; n: number }>(sql);
      const timerRuns = await one(`SELECT "process_instance_id", COUNT(*) AS n FROM "hi_activity_instance" WHERE "activity_id" = 'wait' GROUP BY "process_instance_id"`);
      const taskRuns = await one(`SELECT "process_instance_id", COUNT(*) AS n FROM "hi_activity_instance" WHERE "activity_id" = 'work' GROUP BY "process_instance_id"`);
      const ends = await one(`SELECT "process_instance_id", COUNT(*) AS n FROM "hi_activity_instance" WHERE "activity_id" = 'end' GROUP BY "process_instance_id"`);
      expect(timerRuns.length).toBe(INSTANCES);
      expect(timerRuns.filter((r) => Number(r.n) !== 1)).toEqual([]); // each timer job fired exactly once
      expect(taskRuns.length).toBe(INSTANCES);
      expect(taskRuns.filter((r) => Number(r.n) !== 1)).toEqual([]); // each external task created once
      expect(ends.filter((r) => Number(r.n) !== 1)).toEqual([]);
      expect(ends.length).toBe(INSTANCES);
      // no acknowledged completion twice; every task either acknowledged once or completed by a dying request
      expect([...completions.values()].filter((by) => by.length > 1)).toEqual([]);
      for (const t of ["job", "external_task", "execution", "incident"]) {
        expect(Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))?.n)).toBe(0);
      }
      const byNode = { "worker-A": 0, "worker-B": 0 };
      for (const by of completions.values()) byNode[by[0] as keyof typeof byNode]++;
      report.completedBy = byNode;
      report.unacknowledgedCompletions = INSTANCES - completions.size;
    } finally {
      for (const w of workers) w.stop();
      await db.close();
      await nodeA.stop();
      await nodeB.stop();
      await database.drop();
    }
  }, 300_000);
});
