// First layout of processes/statistics-direct-report/statistics-direct-report.bpmn (see bpmnBuilder.ts).
import path from "node:path";
import { externalTask, userTask, writeBpmn } from "./bpmnBuilder";

const form = (key: string) => ({ "camunda:formKey": `jintu-form:${key}` });
const timerDate = (expression: string) =>
  `<bpmn:timerEventDefinition>\n<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${expression}</bpmn:timeDate>\n</bpmn:timerEventDefinition>`;

writeBpmn({
  file: path.resolve(import.meta.dirname, "../statistics-direct-report/statistics-direct-report.bpmn"),
  processId: "statistics-direct-report",
  processName: "自然资源统计网上直报",
  versionTag: "2026.1",
  documentation: "布置报表 → 县级填报 → 数据校验(表内表间平衡关系) → 市级审核 → 省级确认 → 报送自然资源部(数据交换包)；逾期未报由市级催报；审核/确认不通过用「退回」发回上一环节。",
  nodes: [
    { id: "StartEvent_Assign", kind: "startEvent", name: "布置报表任务", col: 0, row: 0, attrs: form("stat-assign") },
    userTask("Task_Fill", "县级填报", 1, 0, { "camunda:candidateGroups": "statistics-officer@${countyCode}", "camunda:dueDate": "${reportDeadline}", ...form("stat-fill") }),
    { id: "Timer_Overdue", kind: "boundaryEvent", name: "逾期未报", attachedTo: "Task_Fill", at: 0.5, cancelActivity: false, inner: timerDate("${reportDeadline}") },
    userTask("Task_Urge", "市级催报", 1, 2, { "camunda:candidateGroups": "statistics-officer@${cityOf(countyCode)}", "camunda:dueDate": "P1WD", ...form("stat-urge") }),
    { id: "End_Urged", kind: "endEvent", name: "已催报", col: 2, row: 2 },
    externalTask("Task_Validate", "数据校验(平衡关系)", 2, 0, "statistics-validate"),
    { id: "Gateway_Valid", kind: "exclusiveGateway", name: "校验通过?", col: 3, row: 0 },
    userTask("Task_CityReview", "市级审核", 4, 0, { "camunda:candidateGroups": "statistics-officer@${cityOf(countyCode)}", "camunda:dueDate": "P5WD", ...form("stat-city-review") }),
    userTask("Task_ProvinceConfirm", "省级确认", 5, 0, { "camunda:candidateGroups": "statistics-officer@${provinceOf(countyCode)}", "camunda:dueDate": "P5WD", ...form("stat-province-confirm") }),
    externalTask("Task_Submit", "报送自然资源部(数据交换包)", 6, 0, "statistics-submit"),
    { id: "End_Submitted", kind: "endEvent", name: "上报完成", col: 7, row: 0 },
  ],
  flows: [
    { id: "Flow_ToFill", from: "StartEvent_Assign", to: "Task_Fill" },
    { id: "Flow_ToUrge", from: "Timer_Overdue", to: "Task_Urge" },
    { id: "Flow_ToUrged", from: "Task_Urge", to: "End_Urged" },
    { id: "Flow_ToValidate", from: "Task_Fill", to: "Task_Validate" },
    { id: "Flow_ToValidGateway", from: "Task_Validate", to: "Gateway_Valid" },
    { id: "Flow_Valid", from: "Gateway_Valid", to: "Task_CityReview", name: "通过", condition: "${validationPassed}" },
    { id: "Flow_Invalid", from: "Gateway_Valid", to: "Task_Fill", name: "修改数据", isDefault: true, lane: -1 },
    { id: "Flow_ToProvince", from: "Task_CityReview", to: "Task_ProvinceConfirm" },
    { id: "Flow_ToSubmit", from: "Task_ProvinceConfirm", to: "Task_Submit" },
    { id: "Flow_ToEnd", from: "Task_Submit", to: "End_Submitted" },
  ],
});
