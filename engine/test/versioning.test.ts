// Process definition versions: per key and per tenant, duplicate filtering, deploy-changed-only, the
// latest version for new instances (running ones stay on theirs), the tenant's definition over a shared one.
import { describe, expect, test } from "vitest";
import type { Engine } from "../api";
import { bpmn, chain, newEngine, tokens } from "./helpers";

const model = (key: string, task: string) => bpmn(key, `<bpmn:startEvent id="start"/><bpmn:userTask id="${task}"/>${chain("start", task)}`);

async function deploy(engine: Engine, resources: Record<string, string>, options: { name?: string; tenantId?: string; enableDuplicateFiltering?: boolean; deployChangedOnly?: boolean } = {}) {
  return engine.deploy({ name: options.name ?? "d", tenantId: options.tenantId, enableDuplicateFiltering: options.enableDuplicateFiltering, deployChangedOnly: options.deployChangedOnly,
    resources: Object.entries(resources).map(([name, content]) => ({ name, content })) });
}

describe("versioning", () => {
  test("versions count per key; new instances use the latest, running ones keep their version", async () => {
    const { engine } = await newEngine();
    const d1 = await deploy(engine, { "a.bpmn": model("a", "v1"), "b.bpmn": model("b", "b1") });
    expect(d1.processDefinitions.map((d) => [d.key, d.version]).sort()).toEqual([["a", 1], ["b", 1]]);
    const old = await engine.startProcessInstanceByKey("a");
    const d2 = await deploy(engine, { "a.bpmn": model("a", "v2") });
    expect(d2.processDefinitions.map((d) => [d.key, d.version])).toEqual([["a", 2]]);
    const fresh = await engine.startProcessInstanceByKey("a");
    expect(fresh.processDefinitionId).toBe(d2.processDefinitions[0].id);
    expect(await tokens(engine, fresh.id)).toEqual(["v2"]);
    expect(await tokens(engine, old.id)).toEqual(["v1"]);
    await engine.completeTask((await engine.getTasks({ processInstanceId: old.id }))[0].id);
    expect(await engine.getProcessInstance(old.id)).toBeNull();
    expect((await engine.getProcessDefinitions({ key: "a", latestVersion: true })).map((d) => d.version)).toEqual([2]);
    expect((await engine.getLatestProcessDefinition("b"))!.version).toBe(1);
    // an explicit id starts that version
    const pinned = await engine.startProcessInstanceById(d1.processDefinitions.find((d) => d.key === "a")!.id);
    expect(await tokens(engine, pinned.id)).toEqual(["v1"]);
  });

  test("versions count per tenant; the tenant's own definition wins over a shared one", async () => {
    const { engine } = await newEngine();
    await deploy(engine, { "a.bpmn": model("a", "shared1") });
    await deploy(engine, { "a.bpmn": model("a", "shared2") });
    const t = await deploy(engine, { "a.bpmn": model("a", "chaoyang") }, { tenantId: "110105" });
    expect([t.processDefinitions[0].version, t.processDefinitions[0].tenantId]).toEqual([1, "110105"]);
    const local = await engine.startProcessInstanceByKey("a", { tenantId: "110105" });
    expect([local.tenantId, ...(await tokens(engine, local.id))]).toEqual(["110105", "chaoyang"]);
    const shared = await engine.startProcessInstanceByKey("a");
    expect(await tokens(engine, shared.id)).toEqual(["shared2"]);
    // a tenant without its own definition gets the shared one
    const other = await engine.startProcessInstanceByKey("a", { tenantId: "330106" });
    expect(await tokens(engine, other.id)).toEqual(["shared2"]);
    expect(other.tenantId).toBe("330106");
  });

  test("duplicate filtering: an unchanged redeploy creates nothing; a changed one a new version", async () => {
    const { engine } = await newEngine();
    await deploy(engine, { "a.bpmn": model("a", "x"), "b.bpmn": model("b", "y") }, { name: "land", enableDuplicateFiltering: true });
    const again = await deploy(engine, { "a.bpmn": model("a", "x"), "b.bpmn": model("b", "y") }, { name: "land", enableDuplicateFiltering: true });
    expect(again.processDefinitions).toEqual([]);
    expect([await engine.countDeployments(), await engine.countProcessDefinitions()]).toEqual([1, 2]);
    // without the flag the same files are a new deployment with new versions
    await deploy(engine, { "a.bpmn": model("a", "x") }, { name: "land" });
    expect((await engine.getLatestProcessDefinition("a"))!.version).toBe(2);
    // a different deployment name is not a duplicate
    const other = await deploy(engine, { "b.bpmn": model("b", "y") }, { name: "mining", enableDuplicateFiltering: true });
    expect(other.processDefinitions.map((d) => d.version)).toEqual([2]);
  });

  test("deployChangedOnly: only the changed resource is deployed again", async () => {
    const { engine } = await newEngine();
    await deploy(engine, { "a.bpmn": model("a", "x"), "b.bpmn": model("b", "y") }, { name: "land", enableDuplicateFiltering: true, deployChangedOnly: true });
    const d = await deploy(engine, { "a.bpmn": model("a", "x"), "b.bpmn": model("b", "y2") }, { name: "land", enableDuplicateFiltering: true, deployChangedOnly: true });
    expect(d.processDefinitions.map((p) => [p.key, p.version])).toEqual([["b", 2]]);
    expect(d.resources.map((r) => r.name)).toEqual(["b.bpmn"]);
    expect((await engine.getLatestProcessDefinition("a"))!.version).toBe(1);
    // without deployChangedOnly every resource is redeployed when one changed
    const all = await deploy(engine, { "a.bpmn": model("a", "x"), "b.bpmn": model("b", "y3") }, { name: "land", enableDuplicateFiltering: true });
    expect(all.processDefinitions.map((p) => [p.key, p.version]).sort()).toEqual([["a", 2], ["b", 3]]);
  });

  test("the same key twice in one deployment is refused and nothing is stored", async () => {
    const { engine } = await newEngine();
    await expect(deploy(engine, { "a.bpmn": model("a", "x"), "a2.bpmn": model("a", "y") })).rejects.toThrow(/same key 'a'/);
    expect([await engine.countDeployments(), await engine.countProcessDefinitions()]).toEqual([0, 0]);
  });

  test("unknown key and unknown definition id are NotFound", async () => {
    const { engine } = await newEngine();
    await expect(engine.startProcessInstanceByKey("nope")).rejects.toMatchObject({ kind: "NotFound" });
    await expect(engine.startProcessInstanceById("nope:1:x")).rejects.toMatchObject({ kind: "NotFound" });
  });
});
