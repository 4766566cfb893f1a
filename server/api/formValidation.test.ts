// Completing a task whose Jintu form is frozen in its deployment: the submission is validated with that
// form (required, types, parcel geometry) and a bad one changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestClient, type TestServer } from "../testing/testServer";

const bpmn = (key: string, formKey: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Task_Review"/>
    <bpmn:userTask id="Task_Review" name="审查" camunda:candidateGroups="land-reviewer@330106" camunda:formKey="${formKey}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Review" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;

const reviewForm = {
  components: [
    { type: "textarea", key: "opinion", label: "审查意见", input: true, rows: 3, validate: { required: true } },
    { type: "number", key: "areaMu", label: "面积(亩)", input: true, validate: { required: true, min: 0 } },
    { type: "parcelMap", key: "parcel", label: "用地范围", input: true, validate: { required: true } },
    { type: "textfield", key: "projectName", label: "项目名称", input: true, disabled: true, persistent: false },
    { type: "button", key: "submit", input: true },
  ],
};
const square = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon",
  coordinates: [[[120.1, 30.25], [120.101, 30.25], [120.101, 30.251], [120.1, 30.251], [120.1, 30.25]]] } }] };
const bowtie = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon",
  coordinates: [[[120.1, 30.25], [120.101, 30.251], [120.101, 30.25], [120.1, 30.251], [120.1, 30.25]]] } }] };

let server: TestServer;
let clerk: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  await server.engine.deploy({ name: "validated", resources: [
    { name: "validated.bpmn", content: bpmn("validated", "jintu-form:fv-review") },
    { name: "fv-review.form.json", content: JSON.stringify(reviewForm) },
  ] });
  await server.engine.deploy({ name: "unfrozen", resources: [{ name: "unfrozen.bpmn", content: bpmn("unfrozen", "jintu-form:fv-review") }] });
  await server.engine.deploy({ name: "plain", resources: [{ name: "plain.bpmn", content: bpmn("plain", "embedded:app:forms/review.html") }] });
  clerk = await server.login("xihu-clerk");
});
afterAll(async () => {
  await server?.stop();
});

async function openTask(key: string, variables: Record<string, unknown> = {}) {
  const instance = await server.engine.startProcessInstanceByKey(key, { tenantId: "330106", variables });
  const [task] = await server.engine.getTasks({ processInstanceId: instance.id });
  return task!;
}

describe("task completion validated with the deployed Jintu form", () => {
  it("answers 400 naming every bad field and changes nothing; a good submission completes", async () => {
    const task = await openTask("validated", { projectName: "某项目" });
    const bad = await clerk.post(`/engine-rest/task/${task.id}/complete`, { json: { variables: {
      areaMu: { value: "12", type: "String" }, parcel: { value: JSON.stringify(bowtie), type: "Json" },
    } } });
    expect(bad.status).toBe(400);
    const body = await bad.json() as { type: string; message: string };
    expect(body.type).toBe("InvalidRequestException");
    expect(body.message).toMatch(/^Cannot complete task .*: The form 'fv-review' rejects the submission: /);
    for (const field of ["opinion: 审查意见 is required", "areaMu: 面积(亩) must be a number", "parcel:"]) expect(body.message).toContain(field);
    expect(body.message).not.toContain("projectName"); // display-only
    expect(await server.engine.getTask(task.id)).not.toBeNull();
    expect(await server.engine.getVariables(task.executionId)).not.toHaveProperty("areaMu");

    // /submit-form is the same command
    const viaForm = await clerk.post(`/engine-rest/task/${task.id}/submit-form`, { json: { variables: { opinion: { value: "同意", type: "String" } } } });
    expect(viaForm.status).toBe(400);
    expect((await viaForm.json()).message).toMatch(/^Cannot submit task form .*areaMu: 面积\(亩\) is required; parcel: 用地范围/);

    // a value set earlier on the task (task-local, as the portal does) counts; the rest comes with the submission
    await server.engine.setTaskVariables(task.id, { opinion: "同意" }, { local: true });
    const good = await clerk.post(`/engine-rest/task/${task.id}/complete`, { json: { variables: {
      areaMu: { value: 1.5, type: "Double" }, parcel: { value: JSON.stringify(square), type: "Json" },
    } } });
    expect(good.status).toBe(204);
    expect(await server.engine.getTask(task.id)).toBeNull();
  });

  it("keeps Camunda behaviour for tasks without a frozen Jintu form; the task page says it shows the latest form", async () => {
    const plain = await openTask("plain");
    expect((await clerk.post(`/engine-rest/task/${plain.id}/complete`, { json: {} })).status).toBe(204);

    await server.repos.forms.save({ key: "fv-review", name: "审查", definition: reviewForm });
    const unfrozen = await openTask("unfrozen");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const page = await (await clerk.get(`/api/portal/tasks/${unfrozen.id}`)).json() as { form: { source: string; version: number; warning: string } };
      expect(page.form).toMatchObject({ source: "latest", version: 1 });
      expect(page.form.warning).toContain("holds no form 'fv-review.form.json'");
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("holds no form 'fv-review.form.json'"));
    } finally {
      warn.mockRestore();
    }
    // the engine-rest check applies only to the frozen form
    expect((await clerk.post(`/engine-rest/task/${unfrozen.id}/complete`, { json: {} })).status).toBe(204);
  });
});
