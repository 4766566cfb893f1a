// 土地整治项目 end to end over HTTP: the county's consolidation office (xihu-consolidation) approves, designs, builds and self-checks; the GIS worker counts
// only land that was not cultivated before; the county's preliminary acceptance sends a short survey back;
// the city (hangzhou-consolidation) accepts; the filing worker files the new cultivated land.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overlapWithLayer, parcelArea } from "../../gis-components/index";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { landConsolidationProject as flow } from "./index";

const KEY = flow.key;
const START = "2026-03-02T09:00:00+08:00";
const sample = (name: string) => JSON.parse(readFileSync(path.join(flow.dir, "data", `${name}.geojson`), "utf8"));
let s: Scenario;
let county: Actor;
let city: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  county = await s.as("xihu-consolidation");
  city = await s.as("hangzhou-consolidation");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

async function apply(businessKey: string): Promise<string> {
  const variables = { projectName: "双浦镇土地综合整治项目(样例)", township: "双浦镇", countyCode: "330106", projectArea: sample("project-area"), plannedNewCultivatedHa: 100, investmentYuan: 38_000_000 };
  await s.validateForm(flow, "jintu-form:lcp-apply", variables);
  return (await county.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
}

describe("土地整治项目 land-consolidation-project", () => {
  it("立项 → design → works → a short survey rectified after the county's 初验 → city acceptance → filing", async () => {
    const pid = await apply("ZZ-2026-0001");
    await county.submit(await county.waitForTask(pid, "Task_Approve"), { approveDecision: "approve", approvalNumber: "西自然资整〔2026〕3号", approveOpinion: "同意立项" }, { flow });
    await county.submit(await county.waitForTask(pid, "Task_Design"), { designApproved: true, budgetYuan: 36_500_000 }, { flow });
    const implement = await county.waitForTask(pid, "Task_Implement");
    expect(new Date(implement.due!).toISOString()).toBe(new Date("2027-03-02T09:00:00+08:00").toISOString()); // P12M
    await county.submit(implement, { tenderWinner: "浙江某建设有限公司(样例)", supervisionCompany: "杭州某监理公司(样例)", worksCompleted: true }, { flow });

    // First survey: only about half of the plan.
    await county.submit(await county.waitForTask(pid, "Task_SelfCheck"), { completionPatches: sample("completion-short"), selfCheckNote: "东片完工" }, { flow });
    const first = await county.waitForTask(pid, "Task_CountyAcceptance");
    expect(await county.variable(pid, "meetsPlan")).toBe(false);
    await county.submit(first, { countyAcceptance: "rectify", countyOpinion: "新增耕地不足计划，继续实施并补测" }, { flow });

    // Second survey: one patch lies on land that was cultivated before and must not count.
    const full = sample("completion-full");
    await county.submit(await county.waitForTask(pid, "Task_SelfCheck"), { completionPatches: full, selfCheckNote: "全部完工" }, { flow });
    await county.waitForTask(pid, "Task_CountyAcceptance");
    const existing = overlapWithLayer(full, sample("existing-cultivated")).overlap.squareMetres;
    expect(existing).toBeGreaterThan(0);
    const expectedNewHa = (parcelArea(full).squareMetres - existing) / 10_000;
    expect(await county.variable(pid, "newCultivatedHa")).toBeCloseTo(expectedNewHa, 6);
    expect(await county.variable(pid, "meetsPlan")).toBe(true);
    await county.submit(await county.waitForTask(pid, "Task_CountyAcceptance"), { countyAcceptance: "pass", countyOpinion: "初验合格" }, { flow });

    await city.submit(await city.waitForTask(pid, "Task_CityAcceptance"), { cityAcceptance: "pass", cityAcceptanceDate: "2026-12-15", cityOpinion: "符合 TD/T 1034-2013，验收合格" }, { flow });
    const route = await waitFor("the project to be filed", async () => {
      const r = await county.path(pid);
      return r.at(-1) === "End_Filed" ? r : null;
    });
    expect(route.filter((a) => a === "Task_Measure")).toHaveLength(2);
    expect(await county.variable(pid, "filingNumber")).toBe("XZGD-330106-2026-ZZ-2026-0001");
    expect(await county.variable(pid, "filedNewCultivatedHa")).toBeCloseTo(expectedNewHa, 6);
    // The county office cannot do the city's acceptance.
    const history = await city.call<{ taskDefinitionKey: string; assignee: string }[]>("GET", `/engine-rest/history/task?processInstanceId=${pid}&taskDefinitionKey=Task_CityAcceptance`);
    expect(history.map((t) => t.assignee)).toEqual(["hangzhou-consolidation"]);
  });

  it("不予立项 ends the project; a county office cannot accept for the city", async () => {
    const refused = await apply("ZZ-2026-0002");
    await county.submit(await county.waitForTask(refused, "Task_Approve"), { approveDecision: "reject", approveOpinion: "项目区涉及生态保护红线调整，暂缓" }, { flow });
    await waitFor("the refusal", async () => (await county.path(refused)).at(-1) === "End_NotApproved" || null);

    const pid = await apply("ZZ-2026-0003");
    await county.submit(await county.waitForTask(pid, "Task_Approve"), { approveDecision: "approve", approvalNumber: "西自然资整〔2026〕4号", approveOpinion: "同意" }, { flow });
    await county.submit(await county.waitForTask(pid, "Task_Design"), { designApproved: true, budgetYuan: 1_000_000 }, { flow });
    await county.submit(await county.waitForTask(pid, "Task_Implement"), { tenderWinner: "某公司", supervisionCompany: "某监理", worksCompleted: true }, { flow });
    await county.submit(await county.waitForTask(pid, "Task_SelfCheck"), { completionPatches: sample("completion-full"), selfCheckNote: "完工" }, { flow });
    await county.submit(await county.waitForTask(pid, "Task_CountyAcceptance"), { countyAcceptance: "pass", countyOpinion: "合格" }, { flow });
    const cityTask = await city.waitForTask(pid, "Task_CityAcceptance");
    expect((await county.request("POST", `/engine-rest/task/${cityTask.id}/complete`, { variables: {} })).status).toBe(403);
    // the city sends it back for rectification
    await city.submit(cityTask, { cityAcceptance: "rectify", cityOpinion: "田块平整度不达标" }, { flow });
    await county.waitForTask(pid, "Task_SelfCheck");
  });
});
