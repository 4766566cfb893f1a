// Topic `land-archive` (归档): gives the approved case its archive number and records what was archived.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import { externalTaskHandler } from "../../shared/workers";

export const ARCHIVE_TOPIC = "land-archive";

/** 档号: GD-<county>-<year of approval>-<business key>, unique because the business key is. */
export function archiveNumber(countyCode: string, approvalDate: string | Date, businessKey: string): string {
  const year = new Date(approvalDate).getFullYear();
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`archive: countyCode '${countyCode}' is not a region code`);
  if (!Number.isFinite(year)) throw new Error(`archive: approvalDate '${String(approvalDate)}' is not a date`);
  if (!businessKey) throw new Error("archive: the case has no business key (受理编号)");
  return `GD-${countyCode}-${year}-${businessKey}`;
}

export function subscribeArchiveWorker(client: Client): void {
  client.subscribe(ARCHIVE_TOPIC, { variables: ["countyCode", "approvalDate", "approvalDocumentNumber", "announcementNumber"], processDefinitionKey: "construction-land-approval" },
    externalTaskHandler((task: ExternalTask) => {
      const vars = task.variables.getAll();
      const number = archiveNumber(String(vars.countyCode), vars.approvalDate as string, task.businessKey ?? "");
      return {
        archiveNumber: number,
        archiveContents: ["用地申请", "受理意见", "GIS叠加分析", "补偿安置方案公告", "县级审查", "市级审核", "处室会签", "审查结论",
          `批准文件 ${String(vars.approvalDocumentNumber)}`, `征收土地公告 ${String(vars.announcementNumber)}`],
      };
    }));
}
