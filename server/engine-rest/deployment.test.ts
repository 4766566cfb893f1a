// Deployments as Camunda Modeler sends them (client/src/plugins/camunda-plugin/shared/CamundaAPI.js):
// multipart with deployment-name, deployment-source "Camunda Modeler", enable-duplicate-filtering "true",
// optional tenant-id, the diagram as a part named and filenamed after the file, attachments likewise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bpmn, startRestServer, userTaskProcess, type RestServer } from "./testSupport";

let srv: RestServer;

function modelerForm(diagram: { name: string; contents: string }, deployment: { name: string; tenantId?: string; attachments?: { name: string; contents: string }[] }) {
  const form = new FormData();
  form.append("deployment-name", deployment.name);
  form.append("deployment-source", "Camunda Modeler");
  form.append("enable-duplicate-filtering", "true");
  if (deployment.tenantId) form.append("tenant-id", deployment.tenantId);
  form.append(diagram.name, new Blob([diagram.contents], { type: "text/xml" }), diagram.name);
  for (const file of deployment.attachments ?? []) form.append(file.name, new Blob([file.contents]), file.name);
  return form;
}

/** What Modeler's fetch adds: accept JSON and (here ignored) Basic credentials. */
const modelerHeaders = { accept: "application/json", authorization: `Basic ${Buffer.from("demo:demo").toString("base64")}` };

beforeAll(async () => {
  srv = await startRestServer({ authorize: false, maxResourceBytes: 256 * 1024 });
});
afterAll(async () => srv?.close());

describe("POST /deployment/create", () => {
  it("deploys what Modeler sends and answers the fields Modeler reads", async () => {
    // Modeler first probes the connection and the version.
    const probe = await srv.call("GET", "/deployment?maxResults=0", undefined, modelerHeaders);
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual([]);
    expect((await srv.call("GET", "/version")).body).toEqual({ version: "7.23.0" });

    const form = modelerForm(
      { name: "建设用地审批.bpmn", contents: userTaskProcess("land_approval") },
      { name: "建设用地审批", tenantId: "330000", attachments: [{ name: "申请表.form", contents: JSON.stringify({ components: [] }) }] },
    );
    const res = await srv.call("POST", "/deployment/create", form, modelerHeaders);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = res.body;
    expect(body).toMatchObject({ name: "建设用地审批", source: "Camunda Modeler", tenantId: "330000", deployedCaseDefinitions: null, deployedDecisionDefinitions: null, deployedDecisionRequirementsDefinitions: null });
    expect(body.deploymentTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(body.links).toEqual([{ method: "GET", href: `${srv.url}/deployment/${body.id}`, rel: "self" }]);
    const defs = Object.values(body.deployedProcessDefinitions) as Record<string, unknown>[];
    expect(defs).toHaveLength(1);
    expect(Object.keys(body.deployedProcessDefinitions)).toEqual([defs[0]!.id]);
    expect(defs[0]).toMatchObject({ key: "land_approval", version: 1, deploymentId: body.id, resource: "建设用地审批.bpmn", tenantId: "330000", suspended: false });

    const resources = (await srv.call("GET", `/deployment/${body.id}/resources`)).body as { id: string; name: string }[];
    expect(resources.map((r) => r.name).sort()).toEqual(["建设用地审批.bpmn", "申请表.form"].sort());
    const bpmnResource = resources.find((r) => r.name.endsWith(".bpmn"))!;
    const data = await fetch(`${srv.url}/deployment/${body.id}/resources/${bpmnResource.id}/data`);
    expect(await data.text()).toContain('id="land_approval"');

    // Deploying the unchanged diagram again is filtered as a duplicate: no new deployment, no new version.
    const before = (await srv.call("GET", "/deployment/count")).body.count;
    const again = await srv.call("POST", "/deployment/create", modelerForm({ name: "建设用地审批.bpmn", contents: userTaskProcess("land_approval") }, { name: "建设用地审批", tenantId: "330000", attachments: [{ name: "申请表.form", contents: JSON.stringify({ components: [] }) }] }), modelerHeaders);
    expect(again.status).toBe(200);
    expect((await srv.call("GET", "/deployment/count")).body.count).toBe(before);
    expect((await srv.call("GET", "/process-definition/count?key=land_approval")).body.count).toBe(1);

    // A changed diagram makes version 2; the XML endpoint serves the new one.
    const changed = userTaskProcess("land_approval").replace('name="land_approval"', 'name="建设用地审批 v2"');
    const v2 = await srv.call("POST", "/deployment/create", modelerForm({ name: "建设用地审批.bpmn", contents: changed }, { name: "建设用地审批", tenantId: "330000" }), modelerHeaders);
    const v2def = Object.values(v2.body.deployedProcessDefinitions)[0] as { id: string; version: number };
    expect(v2def.version).toBe(2);
    const xml = await srv.call("GET", `/process-definition/key/land_approval/tenant-id/330000/xml`);
    expect(xml.body.id).toBe(v2def.id);
    expect(xml.body.bpmn20Xml).toContain("建设用地审批 v2");
    const latest = await srv.call("GET", "/process-definition?key=land_approval&latestVersion=true");
    expect(latest.body.map((d: { version: number }) => d.version)).toEqual([2]);
    // /key/{key} is the tenant-less definition in Camunda: there is none.
    const noShared = await srv.call("GET", "/process-definition/key/land_approval");
    expect(noShared.status).toBe(404);
    expect(noShared.body).toMatchObject({ type: "RestException", message: "No matching process definition with key: land_approval and no tenant-id" });
  });

  it("lists, counts, reads and deletes deployments", async () => {
    const a = await srv.deploy("list_a", userTaskProcess("list_a"));
    const b = await srv.deploy("list_b", userTaskProcess("list_b"));
    const named = await srv.call("GET", "/deployment?nameLike=list_%25&sortBy=name&sortOrder=desc");
    expect(named.body.map((d: { name: string }) => d.name)).toEqual(["list_b", "list_a"]);
    expect((await srv.call("GET", "/deployment/count?nameLike=list_%25")).body).toEqual({ count: 2 });
    expect((await srv.call("GET", `/deployment/${a.body.id}`)).body).toMatchObject({ id: a.body.id, name: "list_a", source: "test", tenantId: null });

    const pi = await srv.call("POST", "/process-definition/key/list_b/start", { variables: { assignee: { value: "zhang" }, group: { value: "g" }, due: { value: null }, priority: { value: 50 }, taskName: { value: "审" } } });
    expect(pi.status, JSON.stringify(pi.body)).toBe(200);
    expect((await srv.call("DELETE", `/deployment/${b.body.id}?cascade=true`)).status).toBe(204);
    expect((await srv.call("GET", `/process-instance/${pi.body.id}`)).status).toBe(404);
    const gone = await srv.call("GET", `/deployment/${b.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ type: "InvalidRequestException", message: `Deployment with id '${b.body.id}' does not exist`, code: null });
    expect((await srv.call("DELETE", `/deployment/${b.body.id}`)).status).toBe(404);
  });
});

describe("bad deployments change nothing", () => {
  const count = async () => (await srv.call("GET", "/deployment/count")).body.count as number;

  it("answers malformed XML with Camunda's ParseException", async () => {
    const before = await count();
    const broken = "<bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'><bpmn:process id='x' isExecutable='true'><bpmn:startEvent";
    const res = await srv.call("POST", "/deployment/create", modelerForm({ name: "broken.bpmn", contents: broken }, { name: "broken" }));
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("ParseException");
    expect(res.body.message.startsWith("ENGINE-09005 Could not parse BPMN process. Errors: ")).toBe(true);
    expect(res.body).toHaveProperty("details");
    expect(await count()).toBe(before);
  });

  it("rejects unsupported elements at deploy time, naming the element", async () => {
    const before = await count();
    const xml = bpmn("unsupported", `<bpmn:startEvent id="s"/><bpmn:scriptTask id="script_1" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>`);
    const res = await srv.call("POST", "/deployment/create", modelerForm({ name: "unsupported.bpmn", contents: xml }, { name: "unsupported" }));
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("ParseException");
    expect(res.body.message).toContain("script_1");
    expect(await count()).toBe(before);
  });

  it("refuses an oversized upload with a clear 400", async () => {
    const before = await count();
    const huge = userTaskProcess("huge").replace("</bpmn:definitions>", `<!-- ${"x".repeat(300 * 1024)} --></bpmn:definitions>`);
    const res = await srv.call("POST", "/deployment/create", modelerForm({ name: "huge.bpmn", contents: huge }, { name: "huge" }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: "InvalidRequestException" });
    expect(res.body.message).toBe("Deployment resource too large (part 'huge.bpmn'): the limit is 262144 bytes");
    expect(await count()).toBe(before);
  });

  it("refuses a form without resources", async () => {
    const form = new FormData();
    form.append("deployment-name", "empty");
    const res = await srv.call("POST", "/deployment/create", form);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("No deployment resources contained in the form upload.");
  });
});
