// Variables: every Camunda type round-trips, local vs process scope, subprocess and multi-instance
// scopes, and the history of every change.
import { describe, expect, test } from "vitest";
import { chain, engineWith, HOUR, onlyTask, vars } from "./helpers";

const waitModel = `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"/><bpmn:endEvent id="end"/>${chain("start", "wait", "end")}`;

describe("variable types", () => {
  test("every Camunda type round-trips through the database (typed input and inferred plain values)", async () => {
    const { engine } = await engineWith("p", waitModel);
    const pdf = Buffer.from("%PDF-1.4 土地证", "utf8");
    const when = new Date("2026-03-09T08:30:00.123Z");
    const pi = await engine.startProcessInstanceByKey("p", {
      variables: {
        s: { value: "宗地 A-1", type: "String" },
        b: { value: "true", type: "Boolean" },
        i: { value: "42", type: "Integer" },
        sh: { value: 7, type: "Short" },
        l: { value: 9_007_199_254_740_991, type: "Long" },
        d: { value: "12.75", type: "Double" },
        dt: { value: "2026-03-09T16:30:00.123+0800", type: "Date" },
        j: { value: '{"parcels":[{"id":"A-1","area":12.5}],"ok":true}', type: "Json" },
        o: { value: '{"holder":"张三","share":0.5}', type: "Object", valueInfo: { objectTypeName: "cn.jintu.Holder", serializationDataFormat: "application/json" } },
        f: { value: pdf.toString("base64"), type: "File", valueInfo: { filename: "证书.pdf", mimeType: "application/pdf" } },
        by: { value: Buffer.from([0, 1, 2, 255]), type: "Bytes" },
        n: { value: null, type: "Null" },
        plainString: "x", plainBool: false, plainInt: 3, plainLong: 2 ** 40, plainDouble: 0.25, plainDate: when,
        plainJson: { a: [1, 2] }, plainNull: null, plainBytes: Buffer.from("ab"),
      },
    });
    const v = await engine.getVariables(pi.id);
    const typed = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, [x.type, x.value]]));
    expect(typed).toEqual({
      s: ["String", "宗地 A-1"], b: ["Boolean", true], i: ["Integer", 42], sh: ["Short", 7], l: ["Long", 9_007_199_254_740_991],
      d: ["Double", 12.75], dt: ["Date", when], j: ["Json", { parcels: [{ id: "A-1", area: 12.5 }], ok: true }],
      o: ["Object", { holder: "张三", share: 0.5 }], f: ["File", pdf], by: ["Bytes", Buffer.from([0, 1, 2, 255])], n: ["Null", null],
      plainString: ["String", "x"], plainBool: ["Boolean", false], plainInt: ["Integer", 3], plainLong: ["Long", 2 ** 40], plainDouble: ["Double", 0.25],
      plainDate: ["Date", when], plainJson: ["Json", { a: [1, 2] }], plainNull: ["Null", null], plainBytes: ["Bytes", Buffer.from("ab")],
    });
    expect(v.f.valueInfo).toMatchObject({ filename: "证书.pdf", mimeType: "application/pdf" });
    expect(v.o.valueInfo).toMatchObject({ objectTypeName: "cn.jintu.Holder", serializationDataFormat: "application/json" });
    // values survive a command that loads and rewrites the instance
    await engine.completeTask((await onlyTask(engine, pi.id)).id, { variables: { extra: 1 } });
    const hist = await engine.getHistoricVariableInstances({ processInstanceId: pi.id });
    const byName = Object.fromEntries(hist.map((h) => [h.name, h]));
    expect([byName.f.type, byName.f.value]).toEqual(["File", pdf]);
    expect([byName.dt.type, (byName.dt.value as Date).getTime()]).toEqual(["Date", when.getTime()]);
    expect(byName.j.value).toEqual({ parcels: [{ id: "A-1", area: 12.5 }], ok: true });
  });

  test("bad typed values are refused with the variable named, and nothing is stored", async () => {
    const { engine } = await engineWith("p", waitModel);
    await expect(engine.startProcessInstanceByKey("p", { variables: { n: { value: "abc", type: "Integer" } } })).rejects.toThrow(/variable 'n' to type Integer/);
    await expect(engine.startProcessInstanceByKey("p", { variables: { n: { value: 3_000_000_000, type: "Integer" } } })).rejects.toThrow(/Integer range/);
    await expect(engine.startProcessInstanceByKey("p", { variables: { j: { value: "{broken", type: "Json" } } })).rejects.toThrow(/variable 'j'.*not valid JSON/);
    await expect(engine.startProcessInstanceByKey("p", { variables: { d: { value: "yesterday", type: "Date" } } })).rejects.toThrow(/variable 'd' to type Date/);
    expect(await engine.countProcessInstances()).toBe(0);
    expect(await engine.countHistoricVariableInstances()).toBe(0);
  });
});

describe("variable scopes", () => {
  test("local vs process scope: setVariable updates where the variable lives, else the process", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub"><bpmn:startEvent id="s1"/><bpmn:userTask id="inner"/><bpmn:endEvent id="s2"/>${chain("s1", "inner", "s2")}</bpmn:subProcess>
      <bpmn:userTask id="after"/>
      ${chain("start", "sub", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { shared: 1 } });
    const task = await onlyTask(engine, pi.id);
    const subExecution = (await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "sub" }))[0].executionId;
    await engine.setVariables(subExecution, { scoped: "sub-only" }, { local: true });
    await engine.setVariables(task.executionId, { shared: 2, fresh: true });
    await engine.setTaskVariables(task.id, { scoped: "updated in place" });
    expect(await vars(engine, pi.id)).toEqual({ shared: 2, fresh: true });
    expect(await vars(engine, subExecution, true)).toEqual({ scoped: "updated in place" });
    expect(await vars(engine, task.executionId)).toEqual({ shared: 2, fresh: true, scoped: "updated in place" });
    await engine.setTaskVariables(task.id, { taskOnly: "x" }, { local: true });
    expect(Object.keys(await engine.getTaskVariables(task.id, { local: true }))).toEqual(["taskOnly"]);
    expect(await vars(engine, pi.id)).not.toHaveProperty("taskOnly");
    await engine.completeTask(task.id);
    // the subprocess scope ended: its local variable is gone, the process ones remain
    expect(await vars(engine, pi.id)).toEqual({ shared: 2, fresh: true });
  });

  test("a local variable shadows the process variable of the same name", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub"><bpmn:startEvent id="s1"/><bpmn:userTask id="inner" camunda:assignee="\${who}"/>${chain("s1", "inner")}</bpmn:subProcess>
      ${chain("start", "sub")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { who: "outer" } });
    const subExecution = (await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "sub" }))[0].executionId;
    await engine.setVariables(subExecution, { who: "inner" }, { local: true });
    const task = await onlyTask(engine, pi.id);
    expect((await engine.getVariable(task.executionId, "who"))?.value).toBe("inner");
    expect((await engine.getVariable(pi.id, "who"))?.value).toBe("outer");
  });

  test("multi-instance: the element variable is local to each instance; setVariableLocal does not leak", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="sign" camunda:assignee="\${signer}"><bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/></bpmn:userTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "sign", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { signers: ["li", "wang"] } });
    const tasks = await engine.getTasks({ processInstanceId: pi.id });
    for (const t of tasks) await engine.setVariables(t.executionId, { vote: `${t.assignee}-yes` }, { local: true });
    for (const t of tasks) expect((await engine.getVariable(t.executionId, "vote"))?.value).toBe(`${t.assignee}-yes`);
    expect(await vars(engine, pi.id)).toEqual({ signers: ["li", "wang"] });
    for (const t of tasks) await engine.completeTask(t.id);
    expect(await vars(engine, pi.id)).toEqual({ signers: ["li", "wang"] });
    const votes = await engine.getHistoricVariableInstances({ processInstanceId: pi.id, variableName: "vote" });
    expect(votes.map((v) => v.value).sort()).toEqual(["li-yes", "wang-yes"]);
  });
});

describe("variable history", () => {
  test("every change is kept, in order, with its user and revision; removal marks the instance DELETED", async () => {
    const { engine, clock } = await engineWith("p", waitModel);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { status: "received" }, userId: "clerk" });
    clock.advance(HOUR);
    await engine.setVariables(pi.id, { status: "reviewing" }, { userId: "li" });
    clock.advance(HOUR);
    await engine.setVariables(pi.id, { status: 3 }, { userId: "wang" });
    clock.advance(HOUR);
    await engine.removeVariable(pi.id, "status", { userId: "chief" });
    const updates = await engine.getHistoricVariableUpdates({ processInstanceId: pi.id, variableName: "status" });
    expect(updates.map((u) => [u.value, u.type, u.userId, u.revision])).toEqual([
      ["received", "String", "clerk", 1], ["reviewing", "String", "li", 2], [3, "Integer", "wang", 3],
    ]);
    expect(new Set(updates.map((u) => u.variableInstanceId)).size).toBe(1);
    const [hi] = await engine.getHistoricVariableInstances({ processInstanceId: pi.id, variableName: "status" });
    expect([hi.state, hi.value]).toEqual(["DELETED", 3]);
    expect(await engine.getVariable(pi.id, "status")).toBeNull();
    expect((await engine.getUserOperationLog({ processInstanceId: pi.id, sortOrder: "asc" })).map((e) => [e.operationType, e.userId])).toEqual([
      ["SetVariable", "li"], ["SetVariable", "wang"], ["RemoveVariable", "chief"],
    ]);
  });
});
