// Topic `land-countersign-summary` (会签意见汇总): collects the opinions the departments left on the latest
// round of 处室会签 tasks (task-local variable `countersign` = {department, agreed, opinion}) from the
// engine's history and sets `countersignAllAgreed` and `countersignSummary` for the 审查结论 task.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import { externalTaskHandler, type WorkerAuth } from "../../shared/workers";

export const COUNTERSIGN_SUMMARY_TOPIC = "land-countersign-summary";
export const COUNTERSIGN_ACTIVITY = "Task_Countersign";

export interface CountersignOpinion {
  department: string;
  agreed: "agree" | "disagree";
  opinion?: string;
}

async function getJson<T>(engineRestUrl: string, auth: WorkerAuth, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${engineRestUrl}${pathAndQuery}`, {
    headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}` },
  });
  if (!res.ok) throw new Error(`GET ${pathAndQuery} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function summarise(opinions: CountersignOpinion[], departments: string[]): { countersignAllAgreed: boolean; countersignSummary: string } {
  const missing = departments.filter((d) => !opinions.some((o) => o.department === d));
  if (missing.length) throw new Error(`会签意见不全 countersign incomplete: no opinion from ${missing.join("、")}`);
  const lines = departments.map((d) => {
    const o = opinions.find((x) => x.department === d)!;
    return `${d}：${o.agreed === "agree" ? "同意" : "不同意"}${o.opinion ? `(${o.opinion})` : ""}`;
  });
  return { countersignAllAgreed: opinions.every((o) => o.agreed === "agree"), countersignSummary: lines.join("；") };
}

export function subscribeCountersignSummaryWorker(client: Client, engineRestUrl: string, auth: WorkerAuth): void {
  client.subscribe(COUNTERSIGN_SUMMARY_TOPIC, { variables: ["countersignDepartments"], processDefinitionKey: "construction-land-approval" },
    externalTaskHandler(async (task: ExternalTask) => {
      const departments = task.variables.get("countersignDepartments") as string[];
      const pid = task.processInstanceId;
      // the latest round: the N countersign tasks created last (an earlier round exists after a 退回). The
      // history's occurrence order is strict, where timestamps may tie.
      const activities = await getJson<{ taskId: string | null }[]>(engineRestUrl, auth,
        `/history/activity-instance?processInstanceId=${pid}&activityId=${COUNTERSIGN_ACTIVITY}&sortBy=occurrence&sortOrder=desc`);
      const latest = new Set(activities.filter((a) => a.taskId).slice(0, departments.length).map((a) => a.taskId!));
      const rows = await getJson<{ taskId: string | null; value: unknown }[]>(engineRestUrl, auth,
        `/history/variable-instance?processInstanceId=${pid}&variableName=countersign`);
      const opinions = rows.filter((r) => r.taskId && latest.has(r.taskId))
        .map((r) => (typeof r.value === "string" ? JSON.parse(r.value) : r.value) as CountersignOpinion);
      return summarise(opinions, departments);
    }));
}
