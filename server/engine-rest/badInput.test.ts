// Bad input gets the right 4xx in Camunda's error shape, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageProcess, startRestServer, userTaskProcess, type RestServer } from "./testSupport";

let srv: RestServer;
const countOf = async (p: string) => (await srv.call("GET", p)).body.count as number;
const instances = () => countOf("/process-instance/count");

beforeAll(async () => {
  srv = await startRestServer({ authorize: false });
  expect((await srv.deploy("bad_ut", userTaskProcess("bad_ut"))).status).toBe(200);
  expect((await srv.deploy("bad_msg", messageProcess("bad_msg", "survey_done"))).status).toBe(200);
});
afterAll(async () => srv?.close());

const okVars = { assignee: { value: "zhang" }, group: { value: "g" }, due: { value: null }, priority: { value: 50 }, taskName: { value: "审" } };

describe("variables", () => {
  it("rejects an unknown variable type, nothing started", async () => {
    const before = await instances();
    const res = await srv.call("POST", "/process-definition/key/bad_ut/start", { variables: { ...okVars, x: { value: 1, type: "Quaternion" } } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("InvalidRequestException");
    expect(res.body.message).toMatch(/^Cannot instantiate process definition bad_ut:\d+:.*: Unsupported value type 'Quaternion'$/);
    expect(await instances()).toBe(before);
  });

  it("rejects values that do not fit their type", async () => {
    const before = await instances();
    const res = await srv.call("POST", "/process-definition/key/bad_ut/start", { variables: { ...okVars, area: { value: "many", type: "Double" } } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("Cannot convert value 'many' of type 'Double' to java type java.lang.Double");
    expect(await instances()).toBe(before);
  });

  it("rejects broken JSON with a 400 and no change", async () => {
    const before = await instances();
    const res = await srv.call("POST", "/process-definition/key/bad_ut/start", '{"variables": {"a": ', { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("InvalidRequestException");
    expect(res.body.message).toMatch(/^Invalid JSON in request body/);
    expect(await instances()).toBe(before);
    const notObject = await srv.call("POST", "/task", "[1,2]", { "content-type": "application/json" });
    expect(notObject.status).toBe(400);
  });

  it("keeps a task untouched when completion variables are bad", async () => {
    const pi = await srv.call("POST", "/process-definition/key/bad_ut/start", { variables: okVars });
    const [task] = (await srv.call("GET", `/task?processInstanceId=${pi.body.id}`)).body;
    const res = await srv.call("POST", `/task/${task.id}/complete`, { variables: { when: { value: "next tuesday", type: "Date" } } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^Cannot complete task ${task.id}: Cannot convert value 'next tuesday' of type 'Date'`));
    expect((await srv.call("GET", `/task/${task.id}`)).status).toBe(200);
    expect((await srv.call("GET", `/process-instance/${pi.body.id}/variables/when`)).status).toBe(404);
  });
});

describe("unknown ids", () => {
  const cases: [string, string, unknown, number, string][] = [
    ["GET", "/task/nope", undefined, 404, "No matching task with id nope"],
    ["POST", "/task/nope/complete", {}, 404, "No matching task with id nope"],
    ["POST", "/task/nope/claim", { userId: "a" }, 404, "No matching task with id nope"],
    ["GET", "/process-instance/nope", undefined, 404, "Process instance with id nope does not exist"],
    ["DELETE", "/process-instance/nope", undefined, 404, "Process instance with id nope does not exist"],
    ["GET", "/process-definition/nope", undefined, 404, "No matching definition with id nope"],
    ["POST", "/process-definition/nope/start", {}, 404, "No matching definition with id nope"],
    ["GET", "/process-definition/key/nope", undefined, 404, "No matching process definition with key: nope and no tenant-id"],
    ["GET", "/external-task/nope", undefined, 404, "External task with id nope does not exist"],
    ["POST", "/external-task/nope/complete", { workerId: "w" }, 404, "External task with id nope does not exist"],
    ["GET", "/job/nope", undefined, 404, "Job with id nope does not exist"],
    ["GET", "/deployment/nope", undefined, 404, "Deployment with id 'nope' does not exist"],
    ["GET", "/history/process-instance/nope", undefined, 404, "Historic process instance with id nope does not exist"],
  ];
  for (const [method, path, body, status, message] of cases) {
    it(`${method} ${path} → ${status}`, async () => {
      const res = await srv.call(method, path, body);
      expect(res.status).toBe(status);
      expect(res.body.message).toBe(message);
      expect(typeof res.body.type).toBe("string");
    });
  }

  it("answers an unknown path with 404 in the error shape", async () => {
    const res = await srv.call("GET", "/no-such-resource");
    expect(res.status).toBe(404);
    expect(res.body.type).toBe("NotFoundException");
  });
});

describe("messages", () => {
  it("uses Camunda's MismatchingMessageCorrelationException wording and changes nothing", async () => {
    const none = await srv.call("POST", "/message", { messageName: "survey_done", businessKey: "nobody" });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ type: "RestException" });
    expect(none.body.message).toBe("org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message 'survey_done': No process definition or execution matches the parameters");

    const a = await srv.call("POST", "/process-definition/key/bad_msg/start", { businessKey: "SAME" });
    const b = await srv.call("POST", "/process-definition/key/bad_msg/start", { businessKey: "SAME" });
    const several = await srv.call("POST", "/message", { messageName: "survey_done", businessKey: "SAME" });
    expect(several.status).toBe(400);
    expect(several.body.message).toMatch(/^org\.camunda\.bpm\.engine\.MismatchingMessageCorrelationException: Cannot correlate a message with name 'survey_done' to a single execution\. 2 executions match/);
    expect((await srv.call("GET", `/task/count?processInstanceIdIn=${a.body.id},${b.body.id}`)).body.count).toBe(0);

    const one = await srv.call("POST", "/message", { messageName: "survey_done", processInstanceId: a.body.id, processVariables: { result: { value: "通过", type: "String" } }, resultEnabled: true, variablesInResultEnabled: true });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(one.body[0]).toMatchObject({ resultType: "Execution", processInstance: null });
    expect(one.body[0].execution.processInstanceId).toBe(a.body.id);
    expect(one.body[0].variables.result).toEqual({ type: "String", value: "通过", valueInfo: {} });

    const all = await srv.call("POST", "/message", { messageName: "survey_done", businessKey: "SAME", all: true });
    expect(all.status).toBe(204);
    expect((await srv.call("GET", `/task/count?processInstanceIdIn=${a.body.id},${b.body.id}`)).body.count).toBe(2);
    expect((await srv.call("POST", "/message", {})).body.message).toBe("No message name supplied");
  });
});
