// 建设用地审批 end to end: the real server, the flow deployed over /engine-rest/deployment/create, the real
// GIS/countersign/archive workers (camunda-external-task-client-js as `worker`), and every step worked by
// the demo user who holds the role (xihu-clerk → hangzhou-clerk → zhejiang-clerk + three department
// officers → ministry-reviewer …) over HTTP with their session cookies.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overlapWithLayer, parcelArea } from "../../gis-components/index";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { constructionLandApproval as flow } from "./index";
import type { RunningWorkers } from "../workers";

const KEY = flow.key;
const DAY = 24 * 3600_000;
// 2026-09-25 is the Friday before the National Day break (10-01 … 10-07); Saturday 10-10 is a make-up working day.
const START = "2026-09-25T09:00:00+08:00";
const DEPARTMENTS = [
  ["zhejiang-planning", "省厅国土空间规划处 刘洋", "国土空间规划处"],
  ["zhejiang-farmland", "省厅耕地保护监督处 陈红", "耕地保护监督处"],
  ["zhejiang-landuse", "省厅建设用地处 黄磊", "建设用地处"],
] as const;

const readGeoJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const sample = (name: string) => readGeoJson(path.join(flow.dir, "data", `${name}.geojson`));
const farmlandLayer = readGeoJson(path.resolve(flow.dir, "../../gis-components/sample-layers/basic-farmland.geojson"));
const cultivatedLayer = sample("cultivated-land");

let s: Scenario;
let workers: RunningWorkers;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  // shared by every region, so deployed at the national tier (a province's IT staff may deploy only to its own tenant)
  await s.deploy(flow, "demo");
});

afterAll(async () => {
  await s?.stop();
});

async function useWorkers(settings: Record<string, unknown> = {}): Promise<void> {
  await workers?.stop();
  workers = s.startWorkers([flow], { [KEY]: settings });
}

const application = (parcelName: string, projectName: string) => ({
  projectName,
  applicantName: "杭州西湖智造有限公司(样例)",
  applicantCreditCode: "91330106MA2H3JKL5Q",
  preReviewNumber: "用字第330106202600012号",
  landUse: "industrial",
  involvesExpropriation: true,
  countyCode: "330106",
  parcel: sample(parcelName),
});

/** 西湖分局 receives the application at the window and starts the case. */
async function apply(parcelName: string, businessKey: string): Promise<{ id: string; clerk: Actor }> {
  const clerk = await s.as("xihu-clerk");
  const start = application(parcelName, `样例项目 ${businessKey}`);
  await s.validateForm(flow, "jintu-form:cla-apply", start);
  const instance = await clerk.startProcess(KEY, { tenantId: "330106", businessKey, variables: start });
  expect(instance.tenantId).toBe("330106");
  return { id: instance.id, clerk };
}

async function acceptAndAnnounce(pid: string): Promise<void> {
  const clerk = await s.as("xihu-clerk");
  await clerk.submit(await clerk.waitForTask(pid, "Task_Accept"), { acceptDecision: "accept", acceptOpinion: "材料齐全，予以受理" }, { flow });
  const notice = await clerk.waitForTask(pid, "Task_CompensationNotice");
  await clerk.submit(notice, {
    compensationNoticeNumber: "西政征补告〔2026〕8号", compensationNoticeDate: "2026-09-25", compensationNoticeScope: "双浦镇 东江嘴村 第三、四村民小组",
    compensationPlanSummary: "区片综合地价 + 社保 + 青苗补偿；安置以货币补偿为主",
  }, { flow });
}

/** Moves past the 30-day 补偿安置方案公告 period; the job executor fires the timer. */
async function passNoticePeriod(pid: string): Promise<void> {
  const clerk = await s.as("xihu-clerk");
  const [job] = await waitFor("the notice timer", async () => {
    const jobs = await clerk.call<{ dueDate: string }[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`);
    return jobs.length ? jobs : null;
  });
  s.advance(new Date(job!.dueDate).getTime() - s.clock.now().getTime() + 60_000);
}

async function countyToProvinceReview(pid: string): Promise<void> {
  const clerk = await s.as("xihu-clerk");
  await clerk.submit(await clerk.waitForTask(pid, "Task_CountyReview"), countyReview, { flow });
  const city = await s.as("hangzhou-clerk");
  await city.submit(await city.waitForTask(pid, "Task_CityReview"), { cityDecision: "pass", cityOpinion: "符合国土空间规划，同意报省" }, { flow });
  const province = await s.as("zhejiang-clerk");
  await province.submit(await province.waitForTask(pid, "Task_ProvinceReview"), { materialsComplete: true, provinceReviewOpinion: "材料齐全，提请处室会签" }, { flow });
}

const countyReview = {
  statusSurveyDone: true, stabilityRisk: "low", majorityObjected: false, agreementsSigned: 42, countyOpinion: "前期工作完成，同意报批",
};

/** Each department officer takes the countersign task of his department. */
async function countersign(pid: string, disagreeing: string[] = []): Promise<void> {
  const anyOfficer = await s.as(DEPARTMENTS[0][0]);
  const tasks = await anyOfficer.waitForTasks(pid, "Task_Countersign", DEPARTMENTS.length);
  for (const task of tasks) {
    const department = (await anyOfficer.call<{ value: string }>("GET", `/engine-rest/task/${task.id}/variables/department`)).value;
    const officerId = DEPARTMENTS.find(([, , d]) => d === department)?.[0];
    expect(officerId, `a countersign task for ${department}`).toBeDefined();
    const officer = await s.as(officerId!);
    const agreed = disagreeing.includes(department) ? "disagree" : "agree";
    await officer.submit(task, {}, { flow, local: { countersign: { department, agreed, opinion: agreed === "agree" ? "无意见" : "涉及规划调整，暂不同意" } } });
  }
}

describe("建设用地审批 construction-land-approval", () => {
  it("province tier: a 9.6 ha parcel of general cultivated land, a return by the city, countersign, approval, announcement, archive", async () => {
    await useWorkers();
    const { id: pid, clerk } = await apply("parcel-province", "XH-2026-0001");

    // 受理 is due in 5 working days: 09-28, 09-29, 09-30, (National Day) 10-08, 10-09.
    const acceptTask = await clerk.waitForTask(pid, "Task_Accept");
    expect(new Date(acceptTask.due!).toISOString()).toBe(new Date("2026-10-09T09:00:00+08:00").toISOString());
    expect(acceptTask.formKey).toBe("jintu-form:cla-accept");
    // Another county's clerk neither sees nor may work it; the city clerk sees it (his region) but is no candidate.
    const yuhang = await s.as("yuhang-clerk");
    expect(await yuhang.tasks({ processInstanceId: pid })).toEqual([]);
    expect((await yuhang.request("POST", `/engine-rest/task/${acceptTask.id}/complete`, { variables: {} })).status).toBe(404);
    const hangzhou = await s.as("hangzhou-clerk");
    expect((await hangzhou.request("POST", `/engine-rest/task/${acceptTask.id}/complete`, { variables: {} })).status).toBe(403);

    await acceptAndAnnounce(pid);

    // The GIS worker's figures are gis-components' figures for the same parcel.
    const parcel = sample("parcel-province");
    expect(await clerk.variable(pid, "parcelAreaM2")).toBeCloseTo(parcelArea(parcel).squareMetres, 6);
    expect(await clerk.variable(pid, "cultivatedM2")).toBeCloseTo(overlapWithLayer(parcel, cultivatedLayer).overlap.squareMetres, 6);
    expect(await clerk.variable(pid, "basicFarmlandM2")).toBe(0);
    expect(await clerk.variable(pid, "approvalTier")).toBe("province");
    expect(await clerk.variable(pid, "stateCouncilThresholdMet")).toBe(false);
    expect(String(await clerk.variable(pid, "gisSummary"))).toMatch(/用地面积 9\.\d+ 公顷.*由省级人民政府审批/);

    // 公告期: the timer is due 30 calendar days after the notice (土地管理法 "不少于三十日").
    const [timer] = await clerk.call<{ dueDate: string }[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`);
    expect(new Date(timer!.dueDate).getTime()).toBe(new Date(START).getTime() + 30 * DAY);
    s.advance(29 * DAY);
    await new Promise((r) => setTimeout(r, 1500)); // a job-executor cycle: nothing may fire a day early
    expect(await clerk.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_CountyReview" })).toEqual([]);
    s.advance(DAY + 60_000);
    const countyTask = await clerk.waitForTask(pid, "Task_CountyReview");
    expect(new Date(countyTask.due!).getTime()).toBeGreaterThan(new Date(countyTask.created).getTime() + 20 * DAY); // 20 working days

    // The county's first report is returned by the city (退回), then passes.
    await clerk.submit(countyTask, { ...countyReview, majorityObjected: true, hearingHeld: true }, { flow });
    await hangzhou.submit(await hangzhou.waitForTask(pid, "Task_CityReview"), { cityDecision: "return", cityOpinion: "补充社会稳定风险评估报告" }, { flow });
    await countyToProvinceReview(pid);

    await countersign(pid);
    const province = await s.as("zhejiang-clerk");
    const decision = await province.waitForTask(pid, "Task_ProvinceDecision");
    expect(await province.variable(pid, "countersignAllAgreed")).toBe(true);
    expect(await province.variable(pid, "countersignSummary")).toBe("国土空间规划处：同意(无意见)；耕地保护监督处：同意(无意见)；建设用地处：同意(无意见)");
    await province.submit(decision, { provinceDecision: "approve", provinceDecisionOpinion: "同意报省政府审批" }, { flow });

    // Province tier: 省人民政府审批 (recorded by the province office); the ministry never sees it.
    const approval = await province.waitForTask(pid, "Task_ProvinceApproval");
    await province.submit(approval, { approvalDecision: "approve", approvalDocumentNumber: "浙政土字〔2026〕101号", approvalDate: "2026-11-20", approvalOpinion: "同意" }, { flow });

    // 征收土地公告 within 15 working days of the approval.
    const publish = await clerk.waitForTask(pid, "Task_PublishNotice");
    expect(publish.due).not.toBeNull();
    await clerk.submit(publish, { announcementNumber: "西政征告〔2026〕12号", announcementDate: "2026-11-25", announcementScope: "双浦镇 东江嘴村" }, { flow });

    const supervisor = await s.as("xihu-supervisor");
    const done = await waitFor("the case to end", async () => {
      const h = await supervisor.call<{ state: string; endTime: string | null }>("GET", `/engine-rest/history/process-instance/${pid}`);
      return h.state === "COMPLETED" ? h : null;
    });
    expect(done.endTime).not.toBeNull();
    expect(await supervisor.variable(pid, "archiveNumber")).toBe("GD-330106-2026-XH-2026-0001");

    const route = await supervisor.path(pid);
    expect(route.filter((a) => a === "Task_CountyReview")).toHaveLength(2);
    expect(route.filter((a) => a === "Task_CityReview")).toHaveLength(2);
    expect(route.filter((a) => a === "Task_Countersign")).toHaveLength(3);
    expect(route).toContain("Timer_NoticePeriod");
    expect(route).toContain("Task_ProvinceApproval");
    expect(route).not.toContain("Task_NationalApproval");
    expect(route.at(-1)).toBe("End_Approved");

    // Who did what: the task history names the clerks who claimed and completed each step.
    const history = await supervisor.call<{ taskDefinitionKey: string; assignee: string | null }[]>("GET",
      `/engine-rest/history/task?processInstanceId=${pid}&sortBy=startTime&sortOrder=asc`);
    const workedBy = (key: string) => history.filter((t) => t.taskDefinitionKey === key).map((t) => t.assignee);
    expect(workedBy("Task_Accept")).toEqual(["xihu-clerk"]);
    expect(workedBy("Task_CityReview")).toEqual(["hangzhou-clerk", "hangzhou-clerk"]);
    expect(workedBy("Task_Countersign").sort()).toEqual(DEPARTMENTS.map(([id]) => id).sort());
    expect(workedBy("Task_ProvinceApproval")).toEqual(["zhejiang-clerk"]);

    // The audit log: the county supervisor sees his clerk's completions, not the province's.
    const audit = await supervisor.call<{ items: { userId: string; action: string; target: string }[]; total: number }>("GET", "/api/audit?userId=xihu-clerk&maxResults=1000");
    expect(audit.items.filter((e) => e.action === "POST /engine-rest/task/:id/complete").length).toBeGreaterThanOrEqual(5);
    expect(audit.items.some((e) => e.action.startsWith("POST /engine-rest/process-definition"))).toBe(true);
    expect((await supervisor.call<{ total: number }>("GET", "/api/audit?userId=zhejiang-clerk")).total).toBe(0);
    const national = await s.as("national-supervisor");
    expect((await national.call<{ total: number }>("GET", "/api/audit?userId=zhejiang-clerk&action=complete")).total).toBeGreaterThanOrEqual(3);
  });

  it("national tier: 永久基本农田 outside an entrusted province goes to the ministry, which approves", async () => {
    await useWorkers({ delegatedProvinces: [] });
    const { id: pid, clerk } = await apply("parcel-farmland", "XH-2026-0002");
    await acceptAndAnnounce(pid);
    expect(await clerk.variable(pid, "approvalTier")).toBe("national");
    expect(await clerk.variable(pid, "tierReasons")).toEqual(["占用永久基本农田"]);
    const parcel = sample("parcel-farmland");
    expect(await clerk.variable(pid, "basicFarmlandM2")).toBeCloseTo(overlapWithLayer(parcel, farmlandLayer).overlap.squareMetres, 6);
    await passNoticePeriod(pid);
    await countyToProvinceReview(pid);
    await countersign(pid, ["国土空间规划处"]);
    const province = await s.as("zhejiang-clerk");
    const decision = await province.waitForTask(pid, "Task_ProvinceDecision");
    expect(await province.variable(pid, "countersignAllAgreed")).toBe(false);
    expect(String(await province.variable(pid, "countersignSummary"))).toContain("国土空间规划处：不同意(涉及规划调整，暂不同意)");
    await province.submit(decision, { provinceDecision: "approve", provinceDecisionOpinion: "规划处意见已协调，同意上报国务院" }, { flow });

    const ministry = await s.as("ministry-reviewer");
    const national = await ministry.waitForTask(pid, "Task_NationalApproval");
    // The province office cannot decide a State Council case.
    expect((await province.request("POST", `/engine-rest/task/${national.id}/complete`, { variables: {} })).status).toBe(403);
    await ministry.submit(national, { approvalDecision: "approve", approvalDocumentNumber: "国土资函〔2026〕88号", approvalDate: "2026-12-15", approvalOpinion: "同意" }, { flow });
    await clerk.submit(await clerk.waitForTask(pid, "Task_PublishNotice"), { announcementNumber: "西政征告〔2026〕15号", announcementDate: "2026-12-20", announcementScope: "双浦镇" }, { flow });
    const route = await waitFor("the case to end", async () => {
      const r = await ministry.path(pid);
      return r.at(-1) === "End_Approved" ? r : null;
    });
    expect(route).toContain("Task_NationalApproval");
    expect(route).not.toContain("Task_ProvinceApproval");
    expect(await ministry.variable(pid, "archiveNumber")).toBe("GD-330106-2026-XH-2026-0002");
  });

  it("entrusted pilot province: the same farmland parcel stays with Zhejiang, which refuses it (不予批准)", async () => {
    await useWorkers(); // default settings: Zhejiang is an entrusted pilot province
    const { id: pid, clerk } = await apply("parcel-farmland", "XH-2026-0003");
    await acceptAndAnnounce(pid);
    expect(await clerk.variable(pid, "approvalTier")).toBe("province");
    expect(await clerk.variable(pid, "stateCouncilThresholdMet")).toBe(true);
    expect(await clerk.variable(pid, "delegatedToProvince")).toBe(true);
    await passNoticePeriod(pid);
    await countyToProvinceReview(pid);
    await countersign(pid);
    const province = await s.as("zhejiang-clerk");
    await province.submit(await province.waitForTask(pid, "Task_ProvinceDecision"), { provinceDecision: "approve", provinceDecisionOpinion: "报省政府" }, { flow });
    const approval = await province.waitForTask(pid, "Task_ProvinceApproval");
    await province.submit(approval, { approvalDecision: "reject", approvalOpinion: "占用永久基本农田未落实补划，不予批准" }, { flow });
    const route = await waitFor("the case to end", async () => {
      const r = await clerk.path(pid);
      return r.at(-1) === "End_NotApproved" ? r : null;
    });
    expect(route).not.toContain("Task_PublishNotice");
    expect(await clerk.tasks({ processInstanceId: pid })).toEqual([]);
  });

  it("over 35 ha of cultivated land meets the State Council threshold without any farmland", async () => {
    await useWorkers({ delegatedProvinces: [] });
    const { id: pid, clerk } = await apply("parcel-large-cultivated", "XH-2026-0004");
    await acceptAndAnnounce(pid);
    const cultivated = overlapWithLayer(sample("parcel-large-cultivated"), cultivatedLayer).overlap.hectares;
    expect(cultivated).toBeGreaterThan(35);
    expect(await clerk.variable(pid, "basicFarmlandM2")).toBe(0);
    expect(await clerk.variable(pid, "tierReasons")).toEqual(["耕地超过35公顷"]);
    expect(await clerk.variable(pid, "approvalTier")).toBe("national");
  });

  it("不予受理 at the window, and 审查不通过 / 退回市级 at the province decision", async () => {
    await useWorkers();
    const clerk = await s.as("xihu-clerk");
    const refused = await apply("parcel-province", "XH-2026-0005");
    await clerk.submit(await clerk.waitForTask(refused.id, "Task_Accept"), { acceptDecision: "reject", acceptOpinion: "不符合国土空间规划" }, { flow });
    expect((await clerk.path(refused.id)).at(-1)).toBe("End_NotAccepted");

    const { id: pid } = await apply("parcel-province", "XH-2026-0006");
    await acceptAndAnnounce(pid);
    await passNoticePeriod(pid);
    await countyToProvinceReview(pid);
    await countersign(pid);
    const province = await s.as("zhejiang-clerk");
    await province.submit(await province.waitForTask(pid, "Task_ProvinceDecision"), { provinceDecision: "return", provinceDecisionOpinion: "补充规划符合性说明" }, { flow });
    const city = await s.as("hangzhou-clerk");
    await city.submit(await city.waitForTask(pid, "Task_CityReview"), { cityDecision: "pass", cityOpinion: "已补充" }, { flow });
    await province.submit(await province.waitForTask(pid, "Task_ProvinceReview"), { materialsComplete: true, provinceReviewOpinion: "再次会签" }, { flow });
    await countersign(pid, ["耕地保护监督处", "建设用地处"]);
    await waitFor("the second countersign summary", async () =>
      (await province.variable(pid, "countersignSummary")) === "国土空间规划处：同意(无意见)；耕地保护监督处：不同意(涉及规划调整，暂不同意)；建设用地处：不同意(涉及规划调整，暂不同意)");
    await province.submit(await province.waitForTask(pid, "Task_ProvinceDecision"), { provinceDecision: "reject", provinceDecisionOpinion: "处室意见不一致，审查不通过" }, { flow });
    const route = await waitFor("the case to end", async () => {
      const r = await province.path(pid);
      return r.at(-1) === "End_Rejected" ? r : null;
    });
    expect(route.filter((a) => a === "Task_ProvinceDecision")).toHaveLength(2);
  });
});
