// 统计网上直报 end to end over HTTP: the province assigns the annual land-use change report to 西湖区, the
// county fills it in (the validation worker sends bad sums back), the city returns it once with the
// approval idiom 退回 (/api/tasks/:id/return), the province returns it to the city, then confirms; the
// submit worker builds the checksummed exchange package. A late county gets a 催报 from the city.
// The statistics officers of the demo organisation: xihu-stats, hangzhou-stats, zhejiang-stats.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { canonicalJson } from "./submissionPackage";
import { statisticsDirectReport as flow } from "./index";

const KEY = flow.key;
const START = "2026-02-02T09:00:00+08:00";
const OFFICERS = ["xihu-stats", "hangzhou-stats", "zhejiang-stats"] as const;

let s: Scenario;
let county: Actor;
let city: Actor;
let province: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  [county, city, province] = await Promise.all(OFFICERS.map((id) => s.as(id)));
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

const good = { totalAreaHa: 30_900.5, agriculturalHa: 18_000.25, cultivatedHa: 2_100.75, constructionHa: 12_500.25, unusedHa: 400, newConstructionHa: 85.5 };

async function assign(businessKey: string, deadline: string): Promise<string> {
  const variables = { reportType: "land-use-change", reportPeriod: "2025", countyCode: "330106", reportDeadline: deadline };
  await s.validateForm(flow, "jintu-form:stat-assign", variables);
  return (await province.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
}

describe("统计网上直报 statistics-direct-report", () => {
  it("fill, validation failure, 退回 by the city and by the province, confirmation, checksummed package", async () => {
    const pid = await assign("TJ-2025-330106", "2026-03-10T17:30:00+08:00");
    const fill = await county.waitForTask(pid, "Task_Fill");
    expect(new Date(fill.due!).toISOString()).toBe(new Date("2026-03-10T17:30:00+08:00").toISOString());

    // The three classes do not add up to the total: the worker sends the report back to the county.
    await county.submit(fill, { ...good, unusedHa: 500, fillNote: "初报" }, { flow });
    const again = await waitFor("the report to come back", async () => {
      const tasks = await county.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Fill" });
      return tasks.find((t) => t.id !== fill.id);
    });
    expect(await county.variable(pid, "validationPassed")).toBe(false);
    expect(await county.variable(pid, "validationErrors")).toEqual(["农用地 + 建设用地 + 未利用地 = 31000.50 公顷，不等于行政区域总面积 30900.50 公顷"]);
    await county.submit(again, { ...good, fillNote: "更正未利用地" }, { flow });

    // 退回 by the city (approval idiom), with an opinion.
    const review = await city.waitForTask(pid, "Task_CityReview");
    const targets = await city.call<{ activityId: string }[]>("GET", `/api/tasks/${review.id}/return-targets`);
    expect(targets.map((t) => t.activityId)).toContain("Task_Fill");
    await city.call("POST", `/api/tasks/${review.id}/return`, { targetActivityId: "Task_Fill", opinion: "新增建设用地与供地数据不符，请核实" });
    await county.submit(await county.waitForTask(pid, "Task_Fill"), { ...good, newConstructionHa: 80.5, fillNote: "已核实" }, { flow });
    await city.submit(await city.waitForTask(pid, "Task_CityReview"), { cityReviewOpinion: "审核通过" }, { flow });

    // The province returns it to the city, which passes it again; then the province confirms.
    const confirm = await province.waitForTask(pid, "Task_ProvinceConfirm");
    await province.call("POST", `/api/tasks/${confirm.id}/return`, { targetActivityId: "Task_CityReview", opinion: "请补充审核意见" });
    await city.submit(await city.waitForTask(pid, "Task_CityReview"), { cityReviewOpinion: "已复核，数据与变更调查成果一致" }, { flow });
    await province.submit(await province.waitForTask(pid, "Task_ProvinceConfirm"), { confirmedBy: "蔡文", provinceOpinion: "确认" }, { flow });

    const route = await waitFor("the report to be submitted", async () => {
      const r = await province.path(pid);
      return r.at(-1) === "End_Submitted" ? r : null;
    });
    expect(route.filter((a) => a === "Task_Fill")).toHaveLength(3);
    expect(route.filter((a) => a === "Task_CityReview")).toHaveLength(3);

    // The package holds the confirmed figures and its checksum verifies.
    const pkg = (await province.variable(pid, "submissionPackage")) as { indicators: Record<string, number>; countyCode: string };
    expect(pkg.indicators).toEqual({ ...good, newConstructionHa: 80.5 });
    expect(pkg.countyCode).toBe("330106");
    const checksum = createHash("sha256").update(canonicalJson(pkg)).digest("hex");
    expect(await province.variable(pid, "submissionChecksum")).toBe(checksum);
    expect(await province.variable(pid, "submissionId")).toBe(`ZB-330106-2025-${checksum.slice(0, 8)}`);

    // Both returns are in the engine's operation log with who returned and where to.
    const log = await province.call<{ operationType: string; userId: string; orgValue: string; newValue: string }[]>("GET",
      `/engine-rest/history/user-operation?processInstanceId=${pid}&operationType=Return`);
    expect(log.map((e) => [e.userId, e.orgValue, e.newValue])).toEqual(expect.arrayContaining([
      ["hangzhou-stats", "Task_CityReview", "Task_Fill"], ["zhejiang-stats", "Task_ProvinceConfirm", "Task_CityReview"],
    ]));
  });

  it("a county that misses the deadline gets a 催报 from the city while its report stays open", async () => {
    const pid = await assign("TJ-2025-330106-B", "2026-02-10T17:30:00+08:00");
    await county.waitForTask(pid, "Task_Fill");
    s.advance(new Date("2026-02-10T17:31:00+08:00").getTime() - s.clock.now().getTime());
    const urge = await city.waitForTask(pid, "Task_Urge");
    await city.submit(urge, { urgeNote: "已电话催报" }, { flow });
    expect(await county.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Fill" })).toHaveLength(1);
    await county.submit((await county.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Fill" }))[0]!, good, { flow });
    await city.waitForTask(pid, "Task_CityReview");
  });
});
