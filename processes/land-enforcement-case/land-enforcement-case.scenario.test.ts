// 土地执法监察 end to end over HTTP as the real roles: 西湖分局执法 沈军 (xihu-enforcer) registers and
// investigates, the bureau head (xihu-head, leader@330106) files and decides,
// the city's head (hangzhou-clerk, leader@330100) joins the review of a major case; the party's hearing
// request arrives as a BPMN message; hearing and statement windows are timers on working days.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { landEnforcementCase as flow } from "./index";

const KEY = flow.key;
const START = "2026-09-25T09:00:00+08:00";
const sample = (name: string) => JSON.parse(readFileSync(path.join(flow.dir, "data", `${name}.geojson`), "utf8"));

let s: Scenario;
let head: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  head = await s.as("xihu-head");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

async function registerClue(businessKey: string, clue: Record<string, unknown>): Promise<string> {
  const enforcer = await s.as("xihu-enforcer");
  const variables = { countyCode: "330106", ...clue };
  await s.validateForm(flow, "jintu-form:lec-clue", variables);
  return (await enforcer.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
}

/** Verification finds a violation, the head files the case, the officer investigates. */
async function fileAndInvestigate(pid: string, site: string, investigation: Record<string, unknown>): Promise<void> {
  const enforcer = await s.as("xihu-enforcer");
  await enforcer.submit(await enforcer.waitForTask(pid, "Task_Verify"), { site: sample(site), violationFound: "yes", landUseFound: "building", partyNameFound: "某村民", verificationNote: "现场有新建建筑" }, { flow });
  await head.submit(await head.waitForTask(pid, "Task_FilingDecision"), {
    filingDecision: "file", hasParty: true, hasFacts: true, liable: true, inJurisdiction: true, withinTimeLimit: true, filingDate: "2026-09-25",
  }, { flow });
  await enforcer.submit(await enforcer.waitForTask(pid, "Task_Investigate"), { partyName: "杭州某某实业有限公司(样例)", facts: "未经批准占用土地建设厂房", ...investigation }, { flow });
}

async function review(pid: string, reviewers: Actor[]): Promise<void> {
  const tasks = await reviewers[0]!.waitForTasks(pid, "Task_PenaltyReview", reviewers.length);
  for (const task of tasks) {
    const group = (await reviewers[0]!.call<{ value: string }>("GET", `/engine-rest/task/${task.id}/variables/reviewGroup`)).value;
    const reviewer = reviewers.find((r) => (group.startsWith("leader@330100") ? r.user === "hangzhou-clerk" : r.user === "xihu-head"));
    expect(reviewer, `a reviewer for ${group}`).toBeDefined();
    await reviewer!.submit(task, {}, { flow, local: { review: { group, agreed: "agree", opinion: "同意" } } });
  }
}

async function serveNotice(pid: string): Promise<void> {
  const enforcer = await s.as("xihu-enforcer");
  await enforcer.submit(await enforcer.waitForTask(pid, "Task_Notice"), { noticeNumber: `西自然资告〔2026〕${pid.slice(0, 4)}号`, noticeServedDate: "2026-09-25" }, { flow });
}

/** The timer the case waits on: its due date and the activities that wait (unfinished in history). */
async function timerJob(pid: string): Promise<{ dueDate: string; waitingAt: string[] }> {
  const enforcer = await s.as("xihu-enforcer");
  const [job] = await waitFor("a timer", async () => {
    const jobs = await enforcer.call<{ id: string; dueDate: string }[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`);
    return jobs.length ? jobs : null;
  });
  const waiting = await enforcer.call<{ activityId: string }[]>("GET", `/engine-rest/history/activity-instance?processInstanceId=${pid}&unfinished=true`);
  return { dueDate: job!.dueDate, waitingAt: waiting.map((a) => a.activityId) };
}

async function endsAt(pid: string, endEvent: string): Promise<string[]> {
  const supervisor = await s.as("xihu-supervisor");
  return waitFor(`the case to reach ${endEvent}`, async () => {
    const r = await supervisor.path(pid);
    return r.at(-1) === endEvent ? r : null;
  });
}

describe("土地执法监察 land-enforcement-case", () => {
  it("卫片图斑 on 永久基本农田: major case, county and city review, hearing requested by message, decision within 90 days, execution, 结案", async () => {
    const pid = await registerClue("WP-2026-0001", { clueSource: "satellite", patchId: "WP-2026-330106-0001", clueDescription: "卫片显示新增建设用地", site: sample("site-farmland") });
    // Another city's enforcement officer sees nothing of a Xihu case.
    const ningbo = await s.as("ningbo-clerk");
    expect(await ningbo.tasks({ processInstanceId: pid })).toEqual([]);

    await fileAndInvestigate(pid, "site-farmland", { parcel: sample("occupation-farmland"), proposedPenalty: "demolition", fineAmount: 50_000 });
    const enforcer = await s.as("xihu-enforcer");
    expect(await enforcer.variable(pid, "caseNumber")).toBe("西湖区自然资执立〔2026〕1号");
    const hangzhou = await s.as("hangzhou-clerk");
    await review(pid, [head, hangzhou]);
    expect(await enforcer.variable(pid, "hearingRight")).toBe(true);
    expect(await enforcer.variable(pid, "majorCase")).toBe(true);
    expect(await enforcer.variable(pid, "criminalReferral")).toBe(true);
    expect(Number(await enforcer.variable(pid, "farmlandOccupiedMu"))).toBeGreaterThan(5);
    expect(await enforcer.variable(pid, "penaltyReviewGroups")).toEqual(["leader@330106", "leader@330100"]);

    await serveNotice(pid);
    const window = await timerJob(pid);
    expect(window.waitingAt).toEqual(["Gateway_HearingWindow"]); // as in Camunda, the token waits at the event-based gateway
    expect(new Date(window.dueDate).toISOString()).toBe(new Date("2026-10-09T09:00:00+08:00").toISOString()); // 5 working days over National Day
    await enforcer.correlate("HearingRequested", { businessKey: "WP-2026-0001", tenantId: "330106", variables: { hearingRequestedBy: "当事人委托代理人" } });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Hearing"), { hearingNoticeDate: "2026-09-28", hearingDate: "2026-10-09", hearingOutcome: "maintain", hearingRecord: "当事人对事实无异议" }, { flow });

    const decision = await head.waitForTask(pid, "Task_PenaltyDecision");
    // due 90 days after 立案 (2026-09-25): 2026-12-24 at the end of the working day
    expect(new Date(decision.due!).toISOString()).toBe(new Date("2026-12-24T17:30:00+08:00").toISOString());
    await head.submit(decision, { penaltyDecision: "penalize", decisionNumber: "西自然资罚〔2026〕1号", finalFineAmount: 50_000, decisionReason: "非法占用永久基本农田建设" }, { flow });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Serve"), { servedDate: "2026-10-12", serviceMethod: "direct" }, { flow });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Execute"), { executionResult: "court", finePaid: true, executionNote: "罚款已缴，拆除申请法院强制执行" }, { flow });
    await head.submit(await head.waitForTask(pid, "Task_Close"), { closeOpinion: "执行完毕，同意结案", archived: true }, { flow });
    const route = await endsAt(pid, "End_Closed");
    expect(route).toContain("Message_Hearing");
    expect(route).not.toContain("Timer_HearingWindow");
    expect(route.filter((a) => a === "Task_PenaltyReview")).toHaveLength(2);

    const history = await head.call<{ taskDefinitionKey: string; assignee: string }[]>("GET", `/engine-rest/history/task?processInstanceId=${pid}&taskDefinitionKey=Task_PenaltyReview`);
    expect(history.map((t) => t.assignee).sort()).toEqual(["hangzhou-clerk", "xihu-head"]);
  });

  it("a large fine: the hearing window lapses (timer), no city review for an ordinary case, 不予处罚 closes the case", async () => {
    const pid = await registerClue("XC-2026-0001", { clueSource: "inspection", clueDescription: "巡查发现硬化堆场", site: sample("site-yard") });
    await fileAndInvestigate(pid, "site-yard", { parcel: sample("occupation-yard"), proposedPenalty: "fine", fineAmount: 200_000 });
    await review(pid, [head]);
    const enforcer = await s.as("xihu-enforcer");
    expect(await enforcer.variable(pid, "caseNumber")).toBe("西湖区自然资执立〔2026〕2号");
    expect(await enforcer.variable(pid, "majorCase")).toBe(false);
    expect(await enforcer.variable(pid, "hearingRight")).toBe(true);
    await serveNotice(pid);
    const window = await timerJob(pid);
    expect(window.waitingAt).toEqual(["Gateway_HearingWindow"]); // as in Camunda, the token waits at the event-based gateway
    s.advance(new Date(window.dueDate).getTime() - s.clock.now().getTime() + 60_000);
    await head.submit(await head.waitForTask(pid, "Task_PenaltyDecision"), { penaltyDecision: "no-penalty", decisionReason: "当事人已主动拆除，违法行为轻微并及时改正" }, { flow });
    await head.submit(await head.waitForTask(pid, "Task_Close"), { closeOpinion: "不予处罚，结案", archived: true }, { flow });
    const route = await endsAt(pid, "End_Closed");
    expect(route).toContain("Timer_HearingWindow");
    expect(route).not.toContain("Task_Serve");
    // A hearing request after the window finds nothing to correlate with.
    expect((await enforcer.request("POST", "/engine-rest/message", { messageName: "HearingRequested", businessKey: "XC-2026-0001", tenantId: "330106" })).status).toBe(400);
  });

  it("a light penalty has no hearing window, only the 5-working-day statement period", async () => {
    const pid = await registerClue("JB-2026-0001", { clueSource: "report", clueDescription: "群众举报占地", reporterContact: "1380000xxxx", site: sample("site-yard") });
    await fileAndInvestigate(pid, "site-yard", { parcel: sample("occupation-yard"), proposedPenalty: "restore", fineAmount: 20_000 });
    await review(pid, [head]);
    await serveNotice(pid);
    const period = await timerJob(pid);
    expect(period.waitingAt).toEqual(["Timer_StatementPeriod"]);
    s.advance(new Date(period.dueDate).getTime() - s.clock.now().getTime() + 60_000);
    await head.submit(await head.waitForTask(pid, "Task_PenaltyDecision"), { penaltyDecision: "penalize", decisionNumber: "西自然资罚〔2026〕2号", finalFineAmount: 20_000, decisionReason: "责令退还并处罚款" }, { flow });
    const enforcer = await s.as("xihu-enforcer");
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Serve"), { servedDate: "2026-10-20", serviceMethod: "mail" }, { flow });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Execute"), { executionResult: "complied", finePaid: true, executionNote: "已退还土地并缴纳罚款" }, { flow });
    await head.submit(await head.waitForTask(pid, "Task_Close"), { closeOpinion: "同意结案", archived: true }, { flow });
    const route = await endsAt(pid, "End_Closed");
    expect(route).toContain("Timer_StatementPeriod");
    expect(route).not.toContain("Gateway_HearingWindow");
  });

  it("no violation found ends with 销号; 不予立案 ends with its reason", async () => {
    const enforcer = await s.as("xihu-enforcer");
    const clean = await registerClue("JB-2026-0002", { clueSource: "report", clueDescription: "举报疑似违建", site: sample("site-yard") });
    await enforcer.submit(await enforcer.waitForTask(clean, "Task_Verify"), { site: sample("site-yard"), violationFound: "no", verificationNote: "系合法审批的临时用地" }, { flow });
    await endsAt(clean, "End_NoViolation");

    const notFiled = await registerClue("JB-2026-0003", { clueSource: "report", clueDescription: "举报占地", site: sample("site-yard") });
    await enforcer.submit(await enforcer.waitForTask(notFiled, "Task_Verify"), { site: sample("site-yard"), violationFound: "yes", verificationNote: "2008年建成" }, { flow });
    await head.submit(await head.waitForTask(notFiled, "Task_FilingDecision"), { filingDecision: "nofile", noFileReason: "违法行为已超过追责期限" }, { flow });
    await endsAt(notFiled, "End_NotFiled");
    expect(await head.variable(notFiled, "noFileReason")).toBe("违法行为已超过追责期限");
    expect(await head.variable(notFiled, "caseNumber")).toBeUndefined();
  });
});
