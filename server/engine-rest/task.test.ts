// Task queries against expectations computed from the data the test creates, and the task actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDate } from "./dates";
import { startRestServer, userTaskProcess, type RestServer } from "./testSupport";

let srv: RestServer;

interface Row {
  bk: string;
  assignee: string | null;
  group: string;
  due: string;
  priority: number;
  taskName: string;
  county: string;
  area: number;
  pid?: string;
}

const G1 = "land-reviewer@330106";
const G2 = "land-reviewer@330108";
const rows: Row[] = [
  { bk: "TQ-01", assignee: "zhang", group: G1, due: "2026-12-01T09:00:00.000+0000", priority: 50, taskName: "初审 建设用地", county: "330106", area: 12 },
  { bk: "TQ-02", assignee: null, group: G1, due: "2026-11-20T09:00:00.000+0000", priority: 80, taskName: "初审 采矿权", county: "330106", area: 3.5 },
  { bk: "TQ-03", assignee: "li", group: G2, due: "2026-12-15T01:00:00.000+0000", priority: 20, taskName: "复审 建设用地", county: "330108", area: 40 },
  { bk: "TQ-04", assignee: null, group: G2, due: "2026-11-25T09:30:00.000+0000", priority: 80, taskName: "复审 土地整治", county: "330108", area: 10 },
  { bk: "TQ-05", assignee: "zhang", group: G2, due: "2027-01-05T00:00:00.000+0000", priority: 65, taskName: "终审 建设用地", county: "330108", area: 100.25 },
  { bk: "TQ-06", assignee: null, group: G1, due: "2026-10-01T00:00:00.000+0000", priority: 10, taskName: "受理 地质灾害", county: "330106", area: 0 },
  { bk: "TQ-11", assignee: "wang", group: G1, due: "2026-11-30T12:00:00.000+0000", priority: 95, taskName: "初审 储量登记", county: "330106", area: 7 },
];

const dueMs = (r: Row) => parseDate(r.due)!.getTime();
const bkOf = (tasks: { processInstanceId: string }[]) => tasks.map((t) => rows.find((r) => r.pid === t.processInstanceId)?.bk ?? "?");
const sortedBks = (list: Row[]) => list.map((r) => r.bk).sort();
const get = async (q: string) => {
  const r = await srv.call("GET", `/task?processDefinitionKey=tq&${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; processInstanceId: string; [k: string]: unknown }[];
};
const post = async (body: Record<string, unknown>, query = "") => {
  const r = await srv.call("POST", `/task${query}`, { processDefinitionKey: "tq", ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; processInstanceId: string }[];
};

beforeAll(async () => {
  srv = await startRestServer({ authorize: false });
  expect((await srv.deploy("tq", userTaskProcess("tq"))).status).toBe(200);
  for (const r of rows) {
    const res = await srv.call("POST", "/process-definition/key/tq/start", {
      businessKey: r.bk,
      variables: {
        assignee: { value: r.assignee, type: r.assignee === null ? "Null" : "String" },
        group: { value: r.group, type: "String" },
        due: { value: r.due, type: "Date" },
        priority: { value: r.priority, type: "Integer" },
        taskName: { value: r.taskName, type: "String" },
        county: { value: r.county, type: "String" },
        area: { value: r.area, type: "Double" },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    r.pid = res.body.id;
  }
});
afterAll(async () => srv?.close());

describe("task queries", () => {
  it("returns Camunda's task shape", async () => {
    const [t] = await get(`processInstanceBusinessKey=TQ-04`);
    const row = rows.find((r) => r.bk === "TQ-04")!;
    expect(t).toMatchObject({ name: row.taskName, assignee: null, due: row.due, priority: 80, taskDefinitionKey: "approve", processInstanceId: row.pid, suspended: false, tenantId: null, delegationState: null });
    expect(t!.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it("filters by people", async () => {
    expect(bkOf(await get("assignee=zhang")).sort()).toEqual(sortedBks(rows.filter((r) => r.assignee === "zhang")));
    expect(bkOf(await get("assigneeLike=%25an%25")).sort()).toEqual(sortedBks(rows.filter((r) => r.assignee?.includes("an"))));
    expect(bkOf(await get("assigneeIn=li,wang")).sort()).toEqual(sortedBks(rows.filter((r) => r.assignee === "li" || r.assignee === "wang")));
    expect(bkOf(await get("unassigned=true")).sort()).toEqual(sortedBks(rows.filter((r) => r.assignee === null)));
    // Camunda: candidate filters leave out assigned tasks unless includeAssignedTasks=true.
    expect(bkOf(await get(`candidateGroup=${encodeURIComponent(G1)}`)).sort()).toEqual(sortedBks(rows.filter((r) => r.group === G1 && r.assignee === null)));
    expect(bkOf(await get(`candidateGroup=${encodeURIComponent(G1)}&includeAssignedTasks=true`)).sort()).toEqual(sortedBks(rows.filter((r) => r.group === G1)));
    expect(bkOf(await post({ candidateGroups: [G1, G2], includeAssignedTasks: false })).sort()).toEqual(sortedBks(rows.filter((r) => r.assignee === null)));
  });

  it("filters by instance, definition, name and dates", async () => {
    expect(bkOf(await get("processInstanceBusinessKeyLike=TQ-0%25")).sort()).toEqual(sortedBks(rows.filter((r) => r.bk.startsWith("TQ-0"))));
    expect(bkOf(await get(`processInstanceId=${rows[2]!.pid}`))).toEqual(["TQ-03"]);
    expect(bkOf(await get("nameLike=%25建设用地%25")).sort()).toEqual(sortedBks(rows.filter((r) => r.taskName.includes("建设用地"))));
    expect(bkOf(await get(`name=${encodeURIComponent("复审 土地整治")}`))).toEqual(["TQ-04"]);
    expect((await get("taskDefinitionKeyIn=approve,other")).length).toBe(rows.length);
    expect((await get("taskDefinitionKey=other")).length).toBe(0);
    const limit = "2026-11-25T09:30:00.000+0000";
    expect(bkOf(await get(`dueBefore=${encodeURIComponent(limit)}`)).sort()).toEqual(sortedBks(rows.filter((r) => dueMs(r) < parseDate(limit)!.getTime())));
    expect(bkOf(await get(`dueAfter=${encodeURIComponent(limit)}`)).sort()).toEqual(sortedBks(rows.filter((r) => dueMs(r) > parseDate(limit)!.getTime())));
    // Dates in a POST body use the same format.
    expect(bkOf(await post({ dueBefore: "2026-12-01T09:00:00.000+0000", dueAfter: "2026-11-01T00:00:00.000+0000" })).sort()).toEqual(
      sortedBks(rows.filter((r) => dueMs(r) < parseDate("2026-12-01T09:00:00.000+0000")!.getTime() && dueMs(r) > parseDate("2026-11-01T00:00:00.000+0000")!.getTime())),
    );
    expect(bkOf(await get(`createdBefore=${encodeURIComponent("2000-01-01T00:00:00.000+0000")}`))).toEqual([]);
  });

  it("filters by process variables, GET and POST forms", async () => {
    expect(bkOf(await get("processVariables=area_gt_10")).sort()).toEqual(sortedBks(rows.filter((r) => r.area > 10)));
    expect(bkOf(await get("processVariables=area_lteq_10,county_eq_330108")).sort()).toEqual(sortedBks(rows.filter((r) => r.area <= 10 && r.county === "330108")));
    expect(bkOf(await post({ processVariables: [{ name: "priority", operator: "eq", value: 80 }] })).sort()).toEqual(sortedBks(rows.filter((r) => r.priority === 80)));
    expect(bkOf(await post({ processVariables: [{ name: "county", operator: "eq", value: "330108" }] })).sort()).toEqual(sortedBks(rows.filter((r) => r.county === "330108")));
    expect(bkOf(await post({ processVariables: [{ name: "taskName", operator: "like", value: "初审%" }] })).sort()).toEqual(sortedBks(rows.filter((r) => r.taskName.startsWith("初审"))));
  });

  it("sorts and pages like Camunda", async () => {
    const byDueDesc = [...rows].sort((a, b) => dueMs(b) - dueMs(a)).map((r) => r.bk);
    expect(bkOf(await get("sortBy=dueDate&sortOrder=desc"))).toEqual(byDueDesc);
    const byPriorityThenDue = [...rows].sort((a, b) => b.priority - a.priority || dueMs(a) - dueMs(b)).map((r) => r.bk);
    const sorting = [{ sortBy: "priority", sortOrder: "desc" }, { sortBy: "dueDate", sortOrder: "asc" }];
    expect(bkOf(await post({ sorting }))).toEqual(byPriorityThenDue);
    expect(bkOf(await post({ sorting }, "?firstResult=2&maxResults=3"))).toEqual(byPriorityThenDue.slice(2, 5));
    expect(bkOf(await get("sortBy=dueDate&sortOrder=asc&firstResult=5&maxResults=10"))).toEqual([...byDueDesc].reverse().slice(5));
    expect(await get("maxResults=0")).toEqual([]);
    const byName = [...rows].sort((a, b) => (a.taskName < b.taskName ? -1 : a.taskName > b.taskName ? 1 : 0)).map((r) => r.bk);
    expect(bkOf(await get("sortBy=name&sortOrder=asc"))).toEqual(byName);
  });

  it("counts what it lists", async () => {
    const c = await srv.call("GET", `/task/count?processDefinitionKey=tq&unassigned=true`);
    expect(c.body).toEqual({ count: rows.filter((r) => r.assignee === null).length });
    const p = await srv.call("POST", "/task/count", { processDefinitionKey: "tq", processVariables: [{ name: "area", operator: "gteq", value: 10 }] });
    expect(p.body).toEqual({ count: rows.filter((r) => r.area >= 10).length });
  });

  it("rejects bad query parameters with Camunda's messages", async () => {
    const onlyOne = await srv.call("GET", "/task?sortBy=dueDate");
    expect(onlyOne.status).toBe(400);
    expect(onlyOne.body).toMatchObject({ type: "InvalidRequestException", message: "Only a single sorting parameter specified. sortBy and sortOrder required" });
    const badSort = await srv.call("GET", "/task?sortBy=color&sortOrder=asc");
    expect(badSort.body.message).toBe("Cannot set query parameter 'sortBy' to value 'color'");
    const badDate = await srv.call("GET", "/task?dueBefore=yesterday");
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toMatch(/^Cannot set query parameter 'dueBefore' to value 'yesterday'/);
    expect((await srv.call("GET", "/task?maxResults=-1")).status).toBe(400);
  });
});

describe("task actions", () => {
  it("claims, unclaims, reads forms and links, completes with variables in return", async () => {
    const row = rows.find((r) => r.bk === "TQ-06")!;
    const [t] = await get(`processInstanceId=${row.pid}`);
    const id = t!.id;
    expect((await srv.call("GET", `/task/${id}/identity-links`)).body).toEqual([{ userId: null, groupId: G1, type: "candidate" }]);
    expect((await srv.call("GET", `/task/${id}/form`)).body).toEqual({ key: null, contextPath: null, camundaFormRef: null });

    expect((await srv.call("POST", `/task/${id}/claim`, { userId: "zhao" })).status).toBe(204);
    expect((await srv.call("GET", `/task/${id}`)).body.assignee).toBe("zhao");
    const taken = await srv.call("POST", `/task/${id}/claim`, { userId: "qian" });
    expect(taken.status).toBeGreaterThanOrEqual(400);
    expect((await srv.call("GET", `/task/${id}`)).body.assignee).toBe("zhao");
    expect((await srv.call("POST", `/task/${id}/unclaim`)).status).toBe(204);
    expect((await srv.call("GET", `/task/${id}`)).body.assignee).toBeNull();

    expect((await srv.call("PUT", `/task/${id}/localVariables/opinion`, { value: "同意", type: "string" })).status).toBe(204);
    expect((await srv.call("GET", `/task/${id}/localVariables/opinion`)).body).toEqual({ type: "String", value: "同意", valueInfo: {} });
    expect((await srv.call("GET", `/task/${id}/variables/county`)).body).toEqual({ type: "String", value: "330106", valueInfo: {} });
    const formVars = (await srv.call("GET", `/task/${id}/form-variables?variableNames=county,area`)).body;
    expect(Object.keys(formVars).sort()).toEqual(["area", "county"]);

    const done = await srv.call("POST", `/task/${id}/complete`, { variables: { approved: { value: true, type: "Boolean" }, decidedAt: { value: "2026-11-25T09:30:00.000+0000", type: "Date" } }, withVariablesInReturn: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.approved).toEqual({ type: "Boolean", value: true, valueInfo: {} });
    expect(done.body.decidedAt).toEqual({ type: "Date", value: "2026-11-25T09:30:00.000+0000", valueInfo: {} });
    expect(done.body.county.value).toBe("330106");
    expect((await srv.call("GET", `/task/${id}`)).status).toBe(404);
    const hist = await srv.call("GET", `/history/task?processInstanceId=${row.pid}`);
    expect(hist.body).toHaveLength(1);
    expect(hist.body[0].endTime).toMatch(/\+0000$/);
    const hpi = await srv.call("GET", `/history/process-instance/${row.pid}`);
    expect(hpi.body).toMatchObject({ id: row.pid, businessKey: "TQ-06", state: "COMPLETED" });
  });

  it("modifies and deletes instance variables in one call", async () => {
    const row = rows.find((r) => r.bk === "TQ-05")!;
    const res = await srv.call("POST", `/process-instance/${row.pid}/variables`, {
      modifications: { opinion: { value: "{\"text\":\"补正材料\"}", type: "Json" }, area: { value: 101, type: "Double" } },
      deletions: ["taskName"],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const vars = (await srv.call("GET", `/process-instance/${row.pid}/variables`)).body;
    expect(vars.opinion).toEqual({ type: "Json", value: "{\"text\":\"补正材料\"}", valueInfo: {} });
    expect(vars.area.value).toBe(101);
    expect(vars.taskName).toBeUndefined();
    const missing = await srv.call("GET", `/process-instance/${row.pid}/variables/taskName`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("process instance variable with name taskName does not exist");
  });
});
