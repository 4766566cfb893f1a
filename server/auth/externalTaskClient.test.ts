// camunda-external-task-client-js with its BasicAuthInterceptor against /engine-rest: the worker account
// authenticates with HTTP Basic, fetches and completes a task; wrong credentials get nothing done.
import { BasicAuthInterceptor, Client, Variables } from "camunda-external-task-client-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer } from "../testing/testServer";

const bpmn = (id: string, topic: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://jintu.example/test">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <bpmn:serviceTask id="check" camunda:type="external" camunda:topic="${topic}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

let server: TestServer;
const clients: Client[] = [];
const silent = () => undefined;

beforeAll(async () => {
  server = await startTestServer();
  // two topics, so a stopping client's last long poll cannot take the other test's task
  await server.engine.deploy({ name: "area-check", resources: [{ name: "area-check.bpmn", content: bpmn("areaCheck", "area-check") },
    { name: "area-check-2.bpmn", content: bpmn("areaCheck2", "area-check-2") }] });
});
afterAll(async () => {
  for (const c of clients) c.stop();
  await server?.stop();
});

function worker(username: string, password: string): Client {
  const client = new Client({ baseUrl: `${server.url}/engine-rest`, workerId: `w-${username}`, asyncResponseTimeout: 500, interval: 50,
    interceptors: new BasicAuthInterceptor({ username, password }), use: silent, autoPoll: false });
  clients.push(client);
  return client;
}

describe("external task worker over HTTP Basic", () => {
  it("the worker account fetches and completes tasks", async () => {
    const instance = await server.engine.startProcessInstanceByKey("areaCheck", { tenantId: "330106" });
    const client = worker("worker", "demo");
    client.subscribe("area-check", async ({ task, taskService }) => {
      const variables = new Variables().set("areaMu", 525);
      await taskService.complete(task, variables);
    });
    client.start();
    const [done] = await eventually(async () => {
      const h = await server.engine.getHistoricProcessInstances({ processInstanceId: instance.id });
      return h[0]?.state === "COMPLETED" ? h : null;
    }, 15_000);
    client.stop();
    expect(done!.state).toBe("COMPLETED");
    const [areaMu] = await server.engine.getHistoricVariableInstances({ processInstanceId: instance.id, variableName: "areaMu" });
    expect(areaMu!.value).toBe(525);
  });

  it("wrong credentials complete nothing and are answered 401", async () => {
    const instance = await server.engine.startProcessInstanceByKey("areaCheck2", { tenantId: "330106" });
    const errors: unknown[] = [];
    const client = worker("worker", "wrong-password");
    client.on("poll:error", (e: unknown) => errors.push(e));
    client.subscribe("area-check-2", async ({ task, taskService }) => { await taskService.complete(task); });
    client.start();
    await eventually(async () => errors.length > 0, 10_000);
    client.stop();
    expect(String(errors[0])).toMatch(/401/);
    const [state] = await server.engine.getHistoricProcessInstances({ processInstanceId: instance.id });
    expect(state!.state).toBe("ACTIVE");
  });
});
