// First layout of processes/geohazard-emergency/geohazard-emergency.bpmn (see bpmnBuilder.ts).
import path from "node:path";
import { externalTask, parallelMultiInstance, userTask, writeBpmn } from "./bpmnBuilder";

const county = "${countyCode}";
const form = (key: string) => ({ "camunda:formKey": `jintu-form:${key}` });
const officer = { "camunda:candidateGroups": `geohazard-officer@${county}` };
const timerDate = (expression: string) =>
  `<bpmn:timerEventDefinition>\n<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${expression}</bpmn:timeDate>\n</bpmn:timerEventDefinition>`;

writeBpmn({
  file: path.resolve(import.meta.dirname, "../geohazard-emergency/geohazard-emergency.bpmn"),
  processId: "geohazard-emergency",
  processName: "地质灾害应急处置",
  versionTag: "2026.1",
  documentation: "灾(险)情报告 → 按灾情/险情分级(特大型/大型/中型/小型，响应Ⅰ–Ⅳ级) → 启动响应 → 现场调查、监测预警、抢险协调三组并行 → 速报(特大/大型4小时，中/小型12小时；逾期由市局督办) → 特大/大型报省级指挥部 → 专家会商 → 响应结束。",
  nodes: [
    { id: "StartEvent_Alert", kind: "startEvent", name: "灾(险)情报告", col: 0, row: 0, attrs: form("geo-alert") },
    externalTask("Task_Grade", "灾情险情分级", 1, 0, "geohazard-grade"),
    userTask("Task_Activate", "启动应急响应", 2, 0, { ...officer, "camunda:dueDate": "PT1H", ...form("geo-activate") }),
    { id: "Gateway_Fork", kind: "parallelGateway", name: "派出工作组", col: 3, row: 0 },
    userTask("Task_Survey", "现场调查组", 4, -1, { ...officer, "camunda:dueDate": "PT12H", ...form("geo-team") }),
    userTask("Task_Monitor", "监测预警组", 4, 0, { ...officer, "camunda:dueDate": "PT12H", ...form("geo-team") }),
    userTask("Task_Rescue", "抢险救援协调组", 4, 1, { ...officer, "camunda:dueDate": "PT12H", ...form("geo-team") }),
    { id: "Gateway_Join", kind: "parallelGateway", col: 5, row: 0 },
    userTask("Task_Report", "灾情速报", 6, 0, { ...officer, "camunda:dueDate": "${reportDeadline}", ...form("geo-report") }),
    { id: "Timer_ReportOverdue", kind: "boundaryEvent", name: "速报逾期", attachedTo: "Task_Report", at: 0.5, cancelActivity: false, inner: timerDate("${reportDeadline}") },
    userTask("Task_Supervise", "市局督办", 6, 2, { "camunda:candidateGroups": "leader@${cityOf(countyCode)}", "camunda:dueDate": "PT2H", ...form("geo-supervise") }),
    { id: "End_Supervised", kind: "endEvent", name: "督办完成", col: 7, row: 2 },
    { id: "Gateway_Level", kind: "exclusiveGateway", name: "响应级别", col: 7, row: 0 },
    userTask("Task_ProvinceCommand", "省级应急指挥部研判", 8, -1, { "camunda:candidateGroups": "geohazard-officer@${provinceOf(countyCode)}", "camunda:dueDate": "PT6H", ...form("geo-command") }),
    { id: "Gateway_LevelJoin", kind: "exclusiveGateway", col: 9, row: 0 },
    userTask("Task_Experts", "专家会商", 10, 0, { "camunda:assignee": "${expert}", "camunda:dueDate": "P2D", ...form("geo-expert") },
      parallelMultiInstance("${experts}", "expert")),
    userTask("Task_Close", "应急响应结束", 11, 0, { ...officer, "camunda:dueDate": "P3D", ...form("geo-close") }),
    { id: "End_Closed", kind: "endEvent", name: "响应结束", col: 12, row: 0 },
  ],
  flows: [
    { id: "Flow_ToGrade", from: "StartEvent_Alert", to: "Task_Grade" },
    { id: "Flow_ToActivate", from: "Task_Grade", to: "Task_Activate" },
    { id: "Flow_ToFork", from: "Task_Activate", to: "Gateway_Fork" },
    { id: "Flow_ToSurvey", from: "Gateway_Fork", to: "Task_Survey" },
    { id: "Flow_ToMonitor", from: "Gateway_Fork", to: "Task_Monitor" },
    { id: "Flow_ToRescue", from: "Gateway_Fork", to: "Task_Rescue" },
    { id: "Flow_SurveyDone", from: "Task_Survey", to: "Gateway_Join" },
    { id: "Flow_MonitorDone", from: "Task_Monitor", to: "Gateway_Join" },
    { id: "Flow_RescueDone", from: "Task_Rescue", to: "Gateway_Join" },
    { id: "Flow_ToReport", from: "Gateway_Join", to: "Task_Report" },
    { id: "Flow_ToSupervise", from: "Timer_ReportOverdue", to: "Task_Supervise" },
    { id: "Flow_ToSupervised", from: "Task_Supervise", to: "End_Supervised" },
    { id: "Flow_ToLevel", from: "Task_Report", to: "Gateway_Level" },
    { id: "Flow_Severe", from: "Gateway_Level", to: "Task_ProvinceCommand", name: "Ⅰ/Ⅱ级", condition: "${responseLevel <= 2}" },
    { id: "Flow_Ordinary", from: "Gateway_Level", to: "Gateway_LevelJoin", name: "Ⅲ/Ⅳ级", isDefault: true },
    { id: "Flow_CommandDone", from: "Task_ProvinceCommand", to: "Gateway_LevelJoin" },
    { id: "Flow_ToExperts", from: "Gateway_LevelJoin", to: "Task_Experts" },
    { id: "Flow_ToClose", from: "Task_Experts", to: "Task_Close" },
    { id: "Flow_ToEnd", from: "Task_Close", to: "End_Closed" },
  ],
});
