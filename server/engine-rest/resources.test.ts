// The remaining resources: definitions (filters, suspension), instances (suspension, activity tree, query
// forms), jobs, signals, history, /engine and the named-engine paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bpmn, eventually, startRestServer, userTaskProcess, type RestServer } from "./testSupport";

let srv: RestServer;

function waitProcess(id: string, waitElement: string, extra = "") {
  return bpmn(
    id,
    `    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    ${waitElement}
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
    <bpmn:userTask id="after" name="后续"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>`,
    extra,
  );
}

const utVars = { assignee: { value: "zhang" }, group: { value: "g" }, due: { value: null }, priority: { value: 50 }, taskName: { value: "审" } };

beforeAll(async () => {
  srv = await startRestServer({ authorize: false });
  for (const key of ["def_a", "def_b"]) expect((await srv.deploy(key, userTaskProcess(key))).status).toBe(200);
  expect((await srv.deploy("def_a", userTaskProcess("def_a").replace('name="def_a"', 'name="def_a v2"'))).status).toBe(200);
  const timer = waitProcess("timer_wait", `<bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition id="td"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`);
  expect((await srv.deploy("timer_wait", timer)).status).toBe(200);
  const signal = waitProcess("signal_wait", `<bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition id="sd" signalRef="sig" /></bpmn:intermediateCatchEvent>`, `<bpmn:signal id="sig" name="layer_updated" />`);
  expect((await srv.deploy("signal_wait", signal)).status).toBe(200);
});
afterAll(async () => srv?.close());

describe("process definitions", () => {
  it("filters, sorts and counts", async () => {
    const all = (await srv.call("GET", "/process-definition?keyLike=def_%25&sortBy=version&sortOrder=desc")).body;
    expect(all.map((d: { key: string; version: number }) => `${d.key}:${d.version}`)[0]).toBe("def_a:2");
    expect(all).toHaveLength(3);
    const latest = (await srv.call("GET", "/process-definition?keyLike=def_%25&latestVersion=true&sortBy=key&sortOrder=asc")).body;
    expect(latest.map((d: { key: string; version: number }) => `${d.key}:${d.version}`)).toEqual(["def_a:2", "def_b:1"]);
    expect((await srv.call("GET", "/process-definition/count?key=def_a")).body).toEqual({ count: 2 });
    const byKey = (await srv.call("GET", "/process-definition/key/def_a")).body;
    expect(byKey).toMatchObject({ key: "def_a", version: 2, name: "def_a v2", tenantId: null });
    expect((await srv.call("GET", `/process-definition/${byKey.id}`)).body.id).toBe(byKey.id);
    expect((await srv.call("GET", `/process-definition/${byKey.id}/form-variables`)).body).toEqual({});
  });

  it("suspends a definition so it cannot start, and reactivates it", async () => {
    const def = (await srv.call("GET", "/process-definition/key/def_b")).body;
    expect((await srv.call("PUT", `/process-definition/${def.id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await srv.call("GET", "/process-definition/count?key=def_b&suspended=true")).body).toEqual({ count: 1 });
    const before = (await srv.call("GET", "/process-instance/count?processDefinitionKey=def_b")).body.count;
    const refused = await srv.call("POST", "/process-definition/key/def_b/start", { variables: utVars });
    expect(refused.status).toBe(500);
    expect(refused.body.type).toBe("SuspendedEntityInteractionException");
    expect((await srv.call("GET", "/process-instance/count?processDefinitionKey=def_b")).body.count).toBe(before);
    expect((await srv.call("PUT", `/process-definition/${def.id}/suspended`, { suspended: false })).status).toBe(204);
    expect((await srv.call("POST", "/process-definition/key/def_b/start", { variables: utVars })).status).toBe(200);
    expect((await srv.call("PUT", `/process-definition/${def.id}/suspended`, {})).status).toBe(400);
  });
});

describe("process instances", () => {
  it("queries by GET and POST, suspends, shows the activity tree, deletes", async () => {
    const a = (await srv.call("POST", "/process-definition/key/def_a/start", { businessKey: "PI-A", variables: { ...utVars, county: { value: "330106" } }, withVariablesInReturn: true })).body;
    expect(a.variables.county).toEqual({ type: "String", value: "330106", valueInfo: {} });
    expect(a.links[0]).toEqual({ method: "GET", href: `${srv.url}/process-instance/${a.id}`, rel: "self" });
    const b = (await srv.call("POST", "/process-definition/key/def_a/start", { businessKey: "PI-B", variables: { ...utVars, county: { value: "330108" } } })).body;

    expect((await srv.call("GET", "/process-instance?variables=county_eq_330106&processDefinitionKey=def_a")).body.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await srv.call("POST", "/process-instance", { processDefinitionKey: "def_a", businessKeyLike: "PI-%", sorting: [{ sortBy: "businessKey", sortOrder: "desc" }] })).body.map((p: { businessKey: string }) => p.businessKey)).toEqual(["PI-B", "PI-A"]);
    expect((await srv.call("POST", "/process-instance/count", { processInstanceIds: [a.id, b.id, "nope"] })).body).toEqual({ count: 2 });

    expect((await srv.call("PUT", `/process-instance/${a.id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await srv.call("GET", `/process-instance/${a.id}`)).body.suspended).toBe(true);
    expect((await srv.call("GET", `/task?processInstanceId=${a.id}`)).body[0].suspended).toBe(true);
    expect((await srv.call("GET", "/process-instance?suspended=true&processDefinitionKey=def_a")).body.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await srv.call("PUT", `/process-instance/${a.id}/suspended`, { suspended: false })).status).toBe(204);

    const tree = (await srv.call("GET", `/process-instance/${a.id}/activity-instances`)).body;
    expect(tree).toMatchObject({ activityId: expect.stringContaining("def_a"), processInstanceId: a.id });
    expect(tree.childActivityInstances.map((c: { activityId: string; activityType: string }) => [c.activityId, c.activityType])).toEqual([["approve", "userTask"]]);

    expect((await srv.call("DELETE", `/process-instance/${b.id}?deleteReason=撤回`)).status).toBe(204);
    expect((await srv.call("GET", `/process-instance/${b.id}`)).status).toBe(404);
    const hist = (await srv.call("GET", `/history/process-instance?processInstanceId=${b.id}`)).body;
    expect(hist[0]).toMatchObject({ state: "EXTERNALLY_TERMINATED" });
    expect((await srv.call("DELETE", `/process-instance/${b.id}?failIfNotExists=false`)).status).toBe(204);
  });
});

describe("jobs, signals, history", () => {
  it("lists a timer job, executes it now, and the instance moves on", async () => {
    const pi = (await srv.call("POST", "/process-definition/key/timer_wait/start", {})).body;
    const jobs = (await srv.call("GET", `/job?processInstanceId=${pi.id}`)).body;
    expect(jobs).toHaveLength(1);
    expect(jobs[0].dueDate).toMatch(/\+0000$/);
    expect((await srv.call("GET", `/job/count?processInstanceId=${pi.id}&timers=true`)).body).toEqual({ count: 1 });
    expect((await srv.call("GET", `/job/${jobs[0].id}`)).body.id).toBe(jobs[0].id);
    expect((await srv.call("PUT", `/job/${jobs[0].id}/retries`, { retries: 5 })).status).toBe(204);
    expect((await srv.call("GET", `/job/${jobs[0].id}`)).body.retries).toBe(5);
    expect((await srv.call("POST", `/job/${jobs[0].id}/execute`)).status).toBe(204);
    await eventually(async () => (await srv.call("GET", `/task?processInstanceId=${pi.id}`)).body.length === 1, 5000, "the task after the timer");
    expect((await srv.call("GET", `/job/count?processInstanceId=${pi.id}`)).body).toEqual({ count: 0 });
  });

  it("delivers a signal to every waiting instance", async () => {
    const p1 = (await srv.call("POST", "/process-definition/key/signal_wait/start", {})).body;
    const p2 = (await srv.call("POST", "/process-definition/key/signal_wait/start", {})).body;
    expect((await srv.call("POST", "/signal", { name: "layer_updated", variables: { layer: { value: "基本农田 2026" } } })).status).toBe(204);
    for (const p of [p1, p2]) {
      expect((await srv.call("GET", `/task?processInstanceId=${p.id}`)).body[0].taskDefinitionKey).toBe("after");
      expect((await srv.call("GET", `/process-instance/${p.id}/variables/layer`)).body.value).toBe("基本农田 2026");
    }
    expect((await srv.call("POST", "/signal", {})).body.message).toBe("No signal name given");
  });

  it("answers history queries and the operation log", async () => {
    const pi = (await srv.call("POST", "/process-definition/key/def_a/start", { businessKey: "H-1", variables: utVars })).body;
    const [task] = (await srv.call("GET", `/task?processInstanceId=${pi.id}`)).body;
    expect((await srv.call("POST", `/task/${task.id}/complete`, {})).status).toBe(204);
    const acts = (await srv.call("GET", `/history/activity-instance?processInstanceId=${pi.id}&sortBy=startTime&sortOrder=asc`)).body;
    expect(acts.map((a: { activityType: string }) => a.activityType)).toEqual(["startEvent", "userTask", "noneEndEvent"]);
    expect((await srv.call("GET", `/history/activity-instance/count?processInstanceId=${pi.id}&finished=true`)).body).toEqual({ count: 3 });
    const tasks = (await srv.call("GET", `/history/task?processInstanceId=${pi.id}&finished=true`)).body;
    expect(tasks.map((t: { assignee: string; taskDefinitionKey: string }) => [t.taskDefinitionKey, t.assignee])).toEqual([["approve", "zhang"]]);
    const vars = (await srv.call("GET", `/history/variable-instance?processInstanceId=${pi.id}&variableName=taskName`)).body;
    expect(vars.map((v: { value: string; type: string }) => [v.type, v.value])).toEqual([["String", "审"]]);
    expect((await srv.call("POST", "/history/variable-instance/count", { processInstanceIdIn: [pi.id] })).body.count).toBe(Object.keys(utVars).length);
    const ops = (await srv.call("GET", `/history/user-operation?processInstanceId=${pi.id}`)).body;
    expect(ops.some((o: { operationType: string }) => o.operationType === "Complete")).toBe(true);
    expect((await srv.call("GET", `/history/user-operation/count?processInstanceId=${pi.id}`)).body.count).toBe(ops.length);
  });
});

describe("engine endpoints", () => {
  it("names the default engine and serves it under /engine/default too", async () => {
    expect((await srv.call("GET", "/engine")).body).toEqual([{ name: "default" }]);
    const plain = (await srv.call("GET", "/process-definition/count")).body;
    expect((await srv.call("GET", "/engine/default/process-definition/count")).body).toEqual(plain);
  });
});
