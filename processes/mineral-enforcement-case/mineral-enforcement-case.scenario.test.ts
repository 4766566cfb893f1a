// 矿产资源执法监察 end to end over HTTP: xihu-enforcer verifies and investigates, the bureau head (xihu-head,
// leader@330106) files and decides; the assessment worker measures mining outside the licence with
// gis-components and values the minerals; a crime goes to the police, an administrative case takes the
// hearing request as a BPMN message.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overlapWithLayer, parcelArea } from "../../gis-components/index";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { mineralEnforcementCase as flow } from "./index";

const KEY = flow.key;
const START = "2026-09-25T09:00:00+08:00";
const sample = (name: string) => JSON.parse(readFileSync(path.join(flow.dir, "data", `${name}.geojson`), "utf8"));
let s: Scenario;
let head: Actor;
let enforcer: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  head = await s.as("xihu-head");
  enforcer = await s.as("xihu-enforcer");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

const site = { type: "Feature", properties: { radius: 100 }, geometry: { type: "Point", coordinates: [120.045, 30.265] } };

async function fileCase(businessKey: string, violationType: string): Promise<string> {
  const variables = { clueSource: "inspection", clueDescription: "巡查发现疑似违法开采", countyCode: "330106", site };
  await s.validateForm(flow, "jintu-form:mec-clue", variables);
  const pid = (await enforcer.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
  await enforcer.submit(await enforcer.waitForTask(pid, "Task_Verify"), { violationType, partyNameFound: "某石料厂", verificationNote: "现场有开采痕迹" }, { flow });
  await head.submit(await head.waitForTask(pid, "Task_FilingDecision"), { filingDecision: "file", filingDate: "2026-09-25" }, { flow });
  return pid;
}

const endsAt = (pid: string, end: string) => waitFor(`the case to reach ${end}`, async () => {
  const r = await enforcer.path(pid);
  return r.at(-1) === end ? r : null;
});

describe("矿产资源执法监察 mineral-enforcement-case", () => {
  it("越界开采: the part outside the licence is measured, fine proposed, hearing requested by message, decided, executed, closed", async () => {
    const pid = await fileCase("KC-2026-0001", "out-of-bounds");
    const pit = sample("out-of-bounds-pit");
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Investigate"), { minedArea: pit, minedTonnes: 2000, pricePerTonne: 30, partyName: "杭州某石料厂(样例)", facts: "超出采矿许可范围开采" }, { flow });
    await enforcer.waitForTask(pid, "Task_Notice");
    expect(await enforcer.variable(pid, "caseNumber")).toBe("西湖区自然资矿立〔2026〕1号");
    const expectedOutside = parcelArea(pit).squareMetres - overlapWithLayer(pit, sample("licensed-areas")).overlap.squareMetres;
    expect(expectedOutside).toBeGreaterThan(0);
    expect(await enforcer.variable(pid, "outsideLicenceM2")).toBeCloseTo(expectedOutside, 6);
    expect(await enforcer.variable(pid, "mineralValueYuan")).toBe(60_000);
    expect(await enforcer.variable(pid, "proposedFineYuan")).toBe(18_000);
    expect(await enforcer.variable(pid, "criminalReferral")).toBe(false);

    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Notice"), { noticeNumber: "西自然资矿告〔2026〕1号", noticeServedDate: "2026-09-25" }, { flow });
    await waitFor("the hearing window", async () => (await enforcer.call<unknown[]>("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`)).length > 0);
    await enforcer.correlate("MineralHearingRequested", { businessKey: "KC-2026-0001", tenantId: "330106" });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Hearing"), { hearingDate: "2026-10-12", hearingRecord: "当事人承认越界开采" }, { flow });
    await head.submit(await head.waitForTask(pid, "Task_Decision"), { decisionNumber: "西自然资矿罚〔2026〕1号", confiscateMinerals: true, finalFineAmount: 18_000, decisionReason: "越界开采" }, { flow });
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Execute"), { servedDate: "2026-10-20", finePaid: true, miningStopped: true, executionNote: "已缴纳罚没款，停止开采" }, { flow });
    await head.submit(await head.waitForTask(pid, "Task_Close"), { closeOpinion: "同意结案", archived: true }, { flow });
    const route = await endsAt(pid, "End_Closed");
    expect(route).toContain("Message_Hearing");
    expect(route).not.toContain("Task_Transfer");
  });

  it("无证开采 worth ≥ 100 000 yuan goes to the police (移送公安机关) without an administrative notice", async () => {
    const pid = await fileCase("KC-2026-0002", "unlicensed");
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Investigate"), { minedArea: sample("unlicensed-pit"), minedTonnes: 20_000, pricePerTonne: 25, partyName: "个人(样例)", facts: "无证开采建筑石料" }, { flow });
    const transfer = await head.waitForTask(pid, "Task_Transfer");
    expect(await head.variable(pid, "mineralValueYuan")).toBe(500_000);
    expect(String(await head.variable(pid, "assessmentSummary"))).toContain("应移送公安机关");
    expect(await head.variable(pid, "outsideLicenceM2")).toBeCloseTo(parcelArea(sample("unlicensed-pit")).squareMetres, 6);
    await head.submit(transfer, { transferNumber: "西自然资移〔2026〕1号", transferDate: "2026-10-09" }, { flow });
    const route = await endsAt(pid, "End_Transferred");
    expect(route).not.toContain("Task_Notice");
  });

  it("a survey that contradicts 越界开采 fails the worker with a clear message (no silent routing); 销号 when nothing is found", async () => {
    const pid = await fileCase("KC-2026-0003", "out-of-bounds");
    const inside = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[120.032, 30.262], [120.035, 30.262], [120.035, 30.265], [120.032, 30.265], [120.032, 30.262]]] } }] };
    await enforcer.submit(await enforcer.waitForTask(pid, "Task_Investigate"), { minedArea: inside, minedTonnes: 100, pricePerTonne: 30, partyName: "某石料厂", facts: "疑似越界" }, { flow });
    const failed = await waitFor("the worker's failure", async () => {
      const tasks = await enforcer.call<{ errorMessage: string | null; retries: number | null }[]>("GET", `/engine-rest/external-task?processInstanceId=${pid}`);
      return tasks.find((t) => t.errorMessage);
    });
    expect(failed.errorMessage).toMatch(/越界开采 but the mined area lies inside the licensed area/);
    expect(failed.retries).toBe(2);

    const clean = (await enforcer.startProcess(KEY, { tenantId: "330106", businessKey: "KC-2026-0004", variables: { clueSource: "report", clueDescription: "举报", countyCode: "330106", site } })).id;
    await enforcer.submit(await enforcer.waitForTask(clean, "Task_Verify"), { violationType: "none", verificationNote: "系持证矿山正常开采" }, { flow });
    await endsAt(clean, "End_NoViolation");
  });
});
