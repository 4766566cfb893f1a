// 地质灾害应急 end to end over HTTP as the real roles: 西湖分局 (xihu-enforcer holds geohazard-officer@330106)
// reports and leads the three field teams, the city's head (hangzhou-clerk, leader@330100) is the escalation
// when the report is late, the province's duty officer (zhejiang-geohazard) and two experts (expert-zhou,
// expert-lin) join severe events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, waitFor, type Actor } from "../testing/scenario";
import { geohazardEmergency as flow } from "./index";

const KEY = flow.key;
const START = "2026-07-01T08:00:00+08:00";
const HOUR = 3600_000;

let s: Scenario;
let officer: Actor;

beforeAll(async () => {
  s = await Scenario.start({ now: START });
  await s.deploy(flow, "demo");
  officer = await s.as("xihu-enforcer");
  s.startWorkers([flow]);
});

afterAll(async () => {
  await s?.stop();
});

const site = { type: "Feature", properties: { radius: 300, synthetic: true }, geometry: { type: "Point", coordinates: [120.085, 30.235] } };

async function report(businessKey: string, figures: Record<string, number>): Promise<string> {
  const variables = {
    countyCode: "330106", site, hazardType: "landslide", eventKind: "disaster", reportedAt: START,
    deaths: 0, directLossYuan: 0, threatenedPeople: 0, potentialLossYuan: 0, alertDescription: "强降雨引发山体滑坡(样例)", ...figures,
  };
  await s.validateForm(flow, "jintu-form:geo-alert", variables);
  return (await officer.startProcess(KEY, { tenantId: "330106", businessKey, variables })).id;
}

async function activateAndSendTeams(pid: string, experts: string[]): Promise<void> {
  await officer.submit(await officer.waitForTask(pid, "Task_Activate"), { dangerZoneDesignated: true, evacuatedPeople: 120, experts, activationNote: "启动响应，划定危险区" }, { flow });
  for (const team of ["Task_Survey", "Task_Monitor", "Task_Rescue"]) {
    const task = await officer.waitForTask(pid, team);
    await officer.submit(task, {}, { flow, local: { teamReport: { team: task.name, findings: `${task.name}已到位`, hazardStable: false } } });
  }
}

async function consultAndClose(pid: string, experts: string[]): Promise<string[]> {
  for (const id of experts) {
    const expert = await s.as(id);
    // his own task: the tenant lets him see the other experts' tasks too, but not work them
    const task = await waitFor(`${id}'s consultation`, async () => (await expert.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Experts", assignee: id }))[0]);
    const others = (await expert.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Experts" })).filter((t) => t.assignee !== id);
    for (const other of others) expect((await expert.request("POST", `/engine-rest/task/${other.id}/complete`, { variables: {} })).status).toBe(403);
    await expert.call("POST", `/engine-rest/task/${task.id}/localVariables`, { modifications: { expertOpinion: { value: JSON.stringify({ stability: "unstable", advice: "继续监测，暂不解除" }), type: "Json" } } });
    await s.validateForm(flow, task.formKey, { expertOpinion: { stability: "unstable", advice: "继续监测，暂不解除" } });
    await expert.call("POST", `/engine-rest/task/${task.id}/complete`, { variables: {} });
  }
  await officer.submit(await officer.waitForTask(pid, "Task_Close"), { warningLifted: true, closeSummary: "险情解除" }, { flow });
  return waitFor("the response to end", async () => {
    const r = await officer.path(pid);
    return r.at(-1) === "End_Closed" ? r : null;
  });
}

describe("地质灾害应急 geohazard-emergency", () => {
  it("a 大型 landslide (12 deaths): Ⅱ级, three teams in parallel, the 4-hour report overdue → city supervision, province command, two experts", async () => {
    const pid = await report("DZ-2026-0001", { deaths: 12, directLossYuan: 3_000_000, threatenedPeople: 80 });
    await activateAndSendTeams(pid, ["expert-zhou", "expert-lin"]);
    expect(await officer.variable(pid, "disasterGradeName")).toBe("大型");
    expect(await officer.variable(pid, "responseLevel")).toBe(2);

    const reportTask = await officer.waitForTask(pid, "Task_Report");
    expect(new Date(reportTask.due!).toISOString()).toBe(new Date(new Date(START).getTime() + 4 * HOUR).toISOString());
    // The teams ran in parallel: all three were open at once.
    const teams = await officer.call<{ activityId: string; startTime: string; endTime: string }[]>("GET", `/engine-rest/history/activity-instance?processInstanceId=${pid}&activityType=userTask`);
    const teamRows = teams.filter((a) => ["Task_Survey", "Task_Monitor", "Task_Rescue"].includes(a.activityId));
    expect(teamRows).toHaveLength(3);
    const lastStart = Math.max(...teamRows.map((a) => Date.parse(a.startTime)));
    expect(teamRows.every((a) => Date.parse(a.endTime) >= lastStart)).toBe(true);

    // Four hours pass without the report: the non-interrupting timer asks the city to supervise.
    s.advance(4 * HOUR + 60_000);
    const city = await s.as("hangzhou-clerk");
    const supervise = await city.waitForTask(pid, "Task_Supervise");
    expect((await officer.tasks({ processInstanceId: pid, taskDefinitionKey: "Task_Report" }))).toHaveLength(1); // still open
    await city.submit(supervise, { supervisionNote: "立即补报，说明迟报原因" }, { flow });
    await officer.submit(reportTask, { reportText: "7月1日8时西湖区某村发生山体滑坡，死亡12人", reportedTo: "杭州市自然资源和规划局、浙江省自然资源厅" }, { flow });

    const province = await s.as("zhejiang-geohazard");
    await province.submit(await province.waitForTask(pid, "Task_ProvinceCommand"), { provincialTeamSent: true, commandDecision: "省级工作组赴现场指导" }, { flow });
    const route = await consultAndClose(pid, ["expert-zhou", "expert-lin"]);
    expect(route).toContain("Timer_ReportOverdue");
    expect(route).toContain("End_Supervised");
    expect(route).toContain("Task_ProvinceCommand");
    expect(route.filter((a) => a === "Task_Experts")).toHaveLength(2);
  });

  it("a 小型 threat (50 people): Ⅳ级, 12 hours to report, reported in time — no supervision, no province step", async () => {
    const pid = await report("DZ-2026-0002", { threatenedPeople: 50, potentialLossYuan: 1_000_000 });
    await activateAndSendTeams(pid, ["expert-lin"]);
    expect(await officer.variable(pid, "responseLevelName")).toBe("Ⅳ级");
    const reportTask = await officer.waitForTask(pid, "Task_Report");
    expect(new Date(reportTask.due!).toISOString()).toBe(new Date(new Date(START).getTime() + 12 * HOUR).toISOString());
    await officer.submit(reportTask, { reportText: "西湖区某村发现滑坡隐患，已转移50人", reportedTo: "杭州市自然资源和规划局" }, { flow });
    expect(await officer.call("GET", `/engine-rest/job?processInstanceId=${pid}&timers=true`)).toEqual([]); // the overdue timer went with the task
    const route = await consultAndClose(pid, ["expert-lin"]);
    expect(route).not.toContain("Timer_ReportOverdue");
    expect(route).not.toContain("Task_ProvinceCommand");
  });
});
