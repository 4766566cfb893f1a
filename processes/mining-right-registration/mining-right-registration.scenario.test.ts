// 探矿权采矿权登记 end to end over HTTP as the real roles: the province office (zhejiang-clerk) receives and
// reviews, the province's approver decides, the public's objection arrives as a BPMN message during 公示,
// the workers decide the registering authority, check the area and number the certificate.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor } from "../testing/scenario";
import { miningRightRegistration as flow } from "./index";

const KEY = flow.key;
// Friday before the National Day break; Saturday 2026-10-10 is a make-up working day (调休).
const START = "2026-09-25T09:00:00+08:00";

const sample = (name: string) => JSON.parse(readFileSync(path.join(flow.dir, "data", `${name}.geojson`), "utf8"));

let s: Scenario;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

const officer = (id: string) => s.as(id);

function application(overrides: Record<string, unknown>) {
  const values: Record<string, unknown> = {
    registrationType: "new", rightType: "mining", mineral: "construction-stone", validityYears: 10,
    rightHolder: "杭州双浦建材有限公司(样例)", rightHolderCreditCode: "91330106MA2H3JKL5Q", projectName: "双浦建筑石料矿(样例)",
    countyCode: "330106", area: sample("quarry-area"), ...overrides,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** The event-based gateway waits once its timer job exists. */
async function publicityRunning(pid: string): Promise<void> {
  const clerk = await officer("zhejiang-clerk");
  await waitFor("the publicity wait", async () => (await clerk.call<unknown[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`)).length > 0);
}

async function apply(businessKey: string, overrides: Record<string, unknown> = {}, starter = "zhejiang-clerk") {
  const window = await officer(starter);
  const variables = application(overrides);
  await s.validateForm(flow, "jintu-form:mrr-apply", variables);
  const instance = await window.startProcess(KEY, { tenantId: "330106", businessKey, variables });
  return instance.id;
}

async function acceptAndReview(pid: string, reviewer = "zhejiang-clerk", approver = "zhejiang-mining-head") {
  const clerk = await officer(reviewer);
  await clerk.submit(await clerk.waitForTask(pid, "Task_Accept"), { acceptDecision: "accept", acceptOpinion: "材料齐全" }, { flow });
  await clerk.submit(await clerk.waitForTask(pid, "Task_Review"), { reservesFiled: true, planApproved: true, reviewOpinion: "符合登记条件" }, { flow });
  const head = await officer(approver);
  return { clerk, head, decision: await head.waitForTask(pid, "Task_Decision") };
}

async function approveAndPublish(pid: string) {
  const { clerk, head, decision } = await acceptAndReview(pid);
  await head.submit(decision, { decision: "approve", decisionDate: "2026-09-25", decisionOpinion: "准予登记" }, { flow });
  await clerk.submit(await clerk.waitForTask(pid, "Task_Publicity"), { publicityNumber: `GS-${pid.slice(0, 6)}`, publicityStartDate: "2026-09-25", publicityChannel: "both" }, { flow });
  return { clerk, head };
}

describe("探矿权采矿权登记 mining-right-registration", () => {
  it("新立采矿权 at the province: 补正 once, clear area, approval, 公示 of 10 working days, certificate, collection", async () => {
    const pid = await apply("KQ-2026-0001");
    const clerk = await officer("zhejiang-clerk");
    const accept = await clerk.waitForTask(pid, "Task_Accept");
    expect(await clerk.variable(pid, "registrationRegion")).toBe("330000"); // the province registers building stone
    expect(new Date(accept.due!).toISOString()).toBe(new Date("2026-10-09T09:00:00+08:00").toISOString());
    // The county clerk of the case's region sees the case but is not the registering authority.
    const xihu = await s.as("xihu-clerk");
    expect((await xihu.request("POST", `/engine-rest/task/${accept.id}/complete`, { variables: {} })).status).toBe(403);

    await clerk.submit(accept, { acceptDecision: "correction", missingMaterials: "缺矿产资源开发利用方案评审意见" }, { flow });
    await clerk.submit(await clerk.waitForTask(pid, "Task_Correction"), { correctionReceived: true, correctionNote: "已补交" }, { flow });
    await approveAndPublish(pid);
    expect(await clerk.variable(pid, "areaConflict")).toBe(false);
    expect(String(await clerk.variable(pid, "gisSummary"))).toContain("未压覆生态保护红线");

    // 公示期 10 working days: 09-28 … 09-30, 10-08, 10-09, Saturday 10-10 (调休), 10-12 … 10-15.
    const [timer] = await waitFor("the publicity timer", async () => {
      const jobs = await clerk.call<{ dueDate: string }[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`);
      return jobs.length ? jobs : null;
    });
    expect(new Date(timer!.dueDate).toISOString()).toBe(new Date("2026-10-15T09:00:00+08:00").toISOString());
    s.advance(new Date(timer!.dueDate).getTime() - s.clock.now().getTime() + 60_000);

    const collect = await clerk.waitForTask(pid, "Task_Collect");
    expect(await clerk.variable(pid, "certificateNumber")).toBe("C33000020260001");
    expect(await clerk.variable(pid, "validUntil")).toBe("2036-09-25");
    await clerk.submit(collect, { feePaid: true, collectedBy: "王经理", collectedDate: "2026-10-16" }, { flow });
    const route = await waitFor("the case to end", async () => {
      const r = await clerk.path(pid);
      return r.at(-1) === "End_Registered" ? r : null;
    });
    expect(route.filter((a) => a === "Task_Accept")).toHaveLength(2);
    expect(route).toContain("Timer_PublicityEnd");
    expect(route).not.toContain("Message_ObjectionReceived");
  });

  it("an objection by message during 公示: upheld ends the case, dismissed goes on to the certificate", async () => {
    const upheld = await apply("KQ-2026-0002");
    const { clerk } = await approveAndPublish(upheld);
    await publicityRunning(upheld);
    // The public files an objection at the window; the clerk records it as the message the gateway waits for.
    await clerk.correlate("MiningRightObjection", { businessKey: "KQ-2026-0002", tenantId: "330106", variables: { objectionText: "矿区范围与本村集体林地权属争议", objector: "双浦镇某村村委会" } });
    const head = await officer("zhejiang-mining-head");
    const review = await head.waitForTask(upheld, "Task_ObjectionReview");
    await head.submit(review, { objectionUpheld: "yes", objectionFindings: "经核查权属争议属实" }, { flow });
    const route = await waitFor("the case to end", async () => {
      const r = await clerk.path(upheld);
      return r.at(-1) === "End_ObjectionUpheld" ? r : null;
    });
    expect(route).not.toContain("Timer_PublicityEnd");
    expect(route).not.toContain("Task_Certificate");
    // The timer of the event-based gateway is gone with the objection.
    expect(await clerk.call("GET", `/engine-rest/job?processInstanceId=${upheld}`)).toEqual([]);

    const dismissed = await apply("KT-2026-0001", { rightType: "exploration", mineral: "fluorite", projectName: "西湖区萤石矿勘查(样例)", validityYears: 5, area: sample("exploration-area") });
    await approveAndPublish(dismissed);
    await publicityRunning(dismissed);
    await clerk.correlate("MiningRightObjection", { processInstanceId: dismissed, tenantId: "330106", variables: { objectionText: "担心勘查影响饮用水源", objector: "村民张某" } });
    await head.submit(await head.waitForTask(dismissed, "Task_ObjectionReview"), { objectionUpheld: "no", objectionFindings: "勘查区不在水源保护区内" }, { flow });
    await clerk.waitForTask(dismissed, "Task_Collect");
    expect(await clerk.variable(dismissed, "certificateNumber")).toBe("T33000020260001");
    expect(await clerk.variable(dismissed, "validUntil")).toBe("2031-09-25");
    // A message nobody waits for is refused, as in Camunda (the case is past its 公示).
    expect((await clerk.request("POST", "/engine-rest/message", { messageName: "MiningRightObjection", businessKey: "KT-2026-0001", tenantId: "330106" })).status).toBe(400);
  });

  it("a strategic mineral (锂) is registered by the ministry, which refuses it", async () => {
    const pid = await apply("KQ-2026-0003", { mineral: "lithium", projectName: "锂矿(样例)" }, "ministry-mining-clerk");
    const ministryClerk = await officer("ministry-mining-clerk");
    const accept = await ministryClerk.waitForTask(pid, "Task_Accept");
    expect(await ministryClerk.variable(pid, "registrationAuthorityName")).toBe("自然资源部");
    const province = await s.as("zhejiang-clerk");
    expect((await province.request("POST", `/engine-rest/task/${accept.id}/complete`, { variables: {} })).status).toBe(403);
    const { head, decision } = await acceptAndReview(pid, "ministry-mining-clerk", "ministry-reviewer");
    expect(head.user).toBe("ministry-reviewer");
    await head.submit(decision, { decision: "reject", decisionOpinion: "不符合战略性矿产勘查开采布局" }, { flow });
    await waitFor("the refusal", async () => (await head.path(pid)).at(-1) === "End_Refused" || null);
  });

  it("an area in the ecological red line or on an existing right is refused with a notice", async () => {
    const clerk = await officer("zhejiang-clerk");
    const inRedline = await apply("KQ-2026-0004", { area: sample("redline-area") });
    await clerk.submit(await clerk.waitForTask(inRedline, "Task_Accept"), { acceptDecision: "accept" }, { flow });
    const notice = await clerk.waitForTask(inRedline, "Task_ConflictNotice");
    expect(String(await clerk.variable(inRedline, "gisSummary"))).toMatch(/与生态保护红线重叠 \d+\.\d+ 公顷/);
    await clerk.submit(notice, { refusalNoticeNumber: "浙自然资矿告〔2026〕3号", refusalReason: "矿区位于生态保护红线内" }, { flow });
    await waitFor("the refusal", async () => (await clerk.path(inRedline)).at(-1) === "End_Conflict" || null);

    const overlapping = await apply("KQ-2026-0005", { area: sample("overlapping-area") });
    await clerk.submit(await clerk.waitForTask(overlapping, "Task_Accept"), { acceptDecision: "accept" }, { flow });
    await clerk.waitForTask(overlapping, "Task_ConflictNotice");
    expect(await clerk.variable(overlapping, "ecologicalRedlineM2")).toBe(0);
    expect(String(await clerk.variable(overlapping, "gisSummary"))).toMatch(/与已设矿业权重叠/);
  });

  it("注销 through the start choice: no area check, cancellation review, register entry; and 不予受理", async () => {
    const clerk = await officer("zhejiang-clerk");
    const pid = await apply("KQ-2026-0006", { registrationType: "cancellation", existingLicenceNumber: "C33000020180012", validityYears: undefined, area: undefined });
    await clerk.submit(await clerk.waitForTask(pid, "Task_Accept"), { acceptDecision: "accept" }, { flow });
    await clerk.submit(await clerk.waitForTask(pid, "Task_CancelReview"), { cancelReason: "closed", reclamationDone: true, cancelOpinion: "已闭坑，同意注销" }, { flow });
    const route = await waitFor("the cancellation", async () => {
      const r = await clerk.path(pid);
      return r.at(-1) === "End_Cancelled" ? r : null;
    });
    expect(route).not.toContain("Task_GisCheck");
    expect(await clerk.variable(pid, "registerEntry")).toBe("注销 C33000020180012(closed)");

    const refused = await apply("KQ-2026-0007");
    await clerk.submit(await clerk.waitForTask(refused, "Task_Accept"), { acceptDecision: "reject", acceptOpinion: "申请人不具备资质" }, { flow });
    await waitFor("the refusal", async () => (await clerk.path(refused)).at(-1) === "End_NotAccepted" || null);
  });
});
