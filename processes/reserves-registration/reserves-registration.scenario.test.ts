// 矿产资源储量评审备案 end to end over HTTP: the province's reserves office (zhejiang-reserves,
// reserve-reviewer@330000) accepts after one 补正, asks for a revised report, passes it and
// the filing worker numbers the 备案; a 压覆 case fails review; a ministry-licence case goes to the ministry.
import chineseDays from "chinese-days";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { reservesRegistration as flow } from "./index";

const KEY = flow.key;
const START = "2026-09-25T09:00:00+08:00";
let s: Scenario;
let office: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  office = await s.as("zhejiang-reserves");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

async function apply(businessKey: string, overrides: Record<string, unknown>): Promise<string> {
  const variables = Object.fromEntries(Object.entries({
    reason: "conversion", licenceNumber: "T33000020260001", applicant: "西湖萤石矿业有限公司(样例)", reserveReportTitle: "浙江省杭州市西湖区某萤石矿勘探报告(样例)",
    mineral: "fluorite", oreReservesKt: 1250, countyCode: "330106", ...overrides,
  }).filter(([, v]) => v !== undefined));
  await s.validateForm(flow, "jintu-form:rr-apply", variables);
  return (await office.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
}

const endsAt = (pid: string, end: string) => waitFor(`the case to reach ${end}`, async () => {
  const r = await office.path(pid);
  return r.at(-1) === end ? r : null;
});

describe("矿产资源储量评审备案 reserves-registration", () => {
  it("探转采 at the province: 补正 once, 60-working-day review, revision, filing number", async () => {
    const pid = await apply("CB-2026-0001", {});
    const accept = await office.waitForTask(pid, "Task_Accept");
    expect(await office.variable(pid, "reviewRegion")).toBe("330000");
    await office.submit(accept, { acceptDecision: "correction", missingMaterials: "缺储量核实报告附图" }, { flow });
    const correction = await office.waitForTask(pid, "Task_Correction");
    // the applicant has 20 working days to fix, counted over National Day (chinese-days as the oracle)
    expect(new Date(correction.due!).toISOString()).toBe(new Date(`${chineseDays.findWorkday(20, "2026-09-25")}T09:00:00+08:00`).toISOString());
    await office.submit(correction, { correctionReceived: true }, { flow });
    await office.submit(await office.waitForTask(pid, "Task_Accept"), { acceptDecision: "accept" }, { flow });

    const review = await office.waitForTask(pid, "Task_Review");
    expect(new Date(review.due!).toISOString()).toBe(new Date(`${chineseDays.findWorkday(60, "2026-09-25")}T09:00:00+08:00`).toISOString());
    await office.submit(review, { reviewResult: "revise", reviewOpinion: "资源量估算参数需补充论证" }, { flow });
    await office.submit(await office.waitForTask(pid, "Task_Revise"), { revisedReportReceived: true, reviseNote: "已补充" }, { flow });
    await office.submit(await office.waitForTask(pid, "Task_Review"), { reviewResult: "pass", reviewDate: "2026-11-30", approvedReservesKt: 1180, reviewOpinion: "同意备案" }, { flow });
    const route = await endsAt(pid, "End_Filed");
    expect(route.filter((a) => a === "Task_Review")).toHaveLength(2);
    expect(await office.variable(pid, "filingNumber")).toBe("浙自然资储备字〔2026〕1号");
  });

  it("压覆 needs no licence and goes to the province; a failed review ends it; 不予受理 ends at once", async () => {
    const pid = await apply("CB-2026-0002", { reason: "overlay", licenceNumber: undefined, reserveReportTitle: "某高速公路压覆矿产资源评估报告(样例)" });
    await office.submit(await office.waitForTask(pid, "Task_Accept"), { acceptDecision: "accept" }, { flow });
    await office.submit(await office.waitForTask(pid, "Task_Review"), { reviewResult: "fail", reviewOpinion: "压覆范围论证不足" }, { flow });
    const route = await endsAt(pid, "End_Failed");
    expect(route).not.toContain("Task_File");

    const refused = await apply("CB-2026-0003", {});
    await office.submit(await office.waitForTask(refused, "Task_Accept"), { acceptDecision: "reject" }, { flow });
    await endsAt(refused, "End_NotAccepted");
  });

  it("a ministry-issued licence is reviewed by the ministry, not the province", async () => {
    const pid = await apply("CB-2026-0004", { licenceNumber: "C00000020200001", mineral: "lithium" });
    const accept = await office.waitForTask(pid, "Task_Accept");
    expect(await office.variable(pid, "reviewAuthorityName")).toBe("自然资源部");
    expect(accept.formKey).toBe("jintu-form:rr-accept");
    expect((await office.request("POST", `/engine-rest/task/${accept.id}/complete`, { variables: {} })).status).toBe(403);
  });
});
