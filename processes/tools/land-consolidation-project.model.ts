// First layout of processes/land-consolidation-project/land-consolidation-project.bpmn (see bpmnBuilder.ts).
import path from "node:path";
import { externalTask, userTask, writeBpmn } from "./bpmnBuilder";

const county = { "camunda:candidateGroups": "consolidation-reviewer@${countyCode}" };
const city = { "camunda:candidateGroups": "consolidation-reviewer@${cityOf(countyCode)}" };
const form = (key: string) => ({ "camunda:formKey": `jintu-form:${key}` });

writeBpmn({
  file: path.resolve(import.meta.dirname, "../land-consolidation-project/land-consolidation-project.bpmn"),
  processId: "land-consolidation-project",
  processName: "土地整治项目管理",
  versionTag: "2026.1",
  documentation: "乡镇申报立项 → 县级立项审批 → 规划设计与预算 → 工程实施(招标、监理) → 项目自检 → 新增耕地核算(GIS) → 县级初验 → 市级验收(TD/T 1034-2013) → 新增耕地核定报备 → 后期管护。",
  nodes: [
    { id: "StartEvent_Apply", kind: "startEvent", name: "乡镇申报立项", col: 0, row: 0, attrs: form("lcp-apply") },
    userTask("Task_Approve", "县级立项审批", 1, 0, { ...county, "camunda:dueDate": "P20WD", ...form("lcp-approve") }),
    { id: "Gateway_Approve", kind: "exclusiveGateway", name: "是否立项?", col: 2, row: 0 },
    { id: "End_NotApproved", kind: "endEvent", name: "不予立项", col: 2, row: 1 },
    userTask("Task_Design", "规划设计与预算", 3, 0, { ...county, "camunda:dueDate": "P3M", ...form("lcp-design") }),
    userTask("Task_Implement", "工程实施(招标、监理)", 4, 0, { ...county, "camunda:dueDate": "P12M", ...form("lcp-implement") }),
    userTask("Task_SelfCheck", "项目自检(实测新增耕地)", 5, 0, { ...county, "camunda:dueDate": "P1M", ...form("lcp-self-check") }),
    externalTask("Task_Measure", "新增耕地核算(GIS)", 6, 0, "consolidation-gis"),
    userTask("Task_CountyAcceptance", "县级初验", 7, 0, { ...county, "camunda:dueDate": "P20WD", ...form("lcp-county-acceptance") }),
    { id: "Gateway_County", kind: "exclusiveGateway", name: "初验结论", col: 8, row: 0 },
    userTask("Task_CityAcceptance", "市级验收", 9, 0, { ...city, "camunda:dueDate": "P30D", ...form("lcp-city-acceptance") }),
    { id: "Gateway_City", kind: "exclusiveGateway", name: "验收结论", col: 10, row: 0 },
    externalTask("Task_File", "新增耕地核定报备", 11, 0, "consolidation-filing"),
    { id: "End_Filed", kind: "endEvent", name: "验收报备完成(转后期管护)", col: 12, row: 0 },
  ],
  flows: [
    { id: "Flow_ToApprove", from: "StartEvent_Apply", to: "Task_Approve" },
    { id: "Flow_ToApproveGateway", from: "Task_Approve", to: "Gateway_Approve" },
    { id: "Flow_Approved", from: "Gateway_Approve", to: "Task_Design", name: "立项", condition: "${approveDecision == 'approve'}" },
    { id: "Flow_NotApproved", from: "Gateway_Approve", to: "End_NotApproved", name: "不予立项", isDefault: true },
    { id: "Flow_ToImplement", from: "Task_Design", to: "Task_Implement" },
    { id: "Flow_ToSelfCheck", from: "Task_Implement", to: "Task_SelfCheck" },
    { id: "Flow_ToMeasure", from: "Task_SelfCheck", to: "Task_Measure" },
    { id: "Flow_ToCountyAcceptance", from: "Task_Measure", to: "Task_CountyAcceptance" },
    { id: "Flow_ToCountyGateway", from: "Task_CountyAcceptance", to: "Gateway_County" },
    { id: "Flow_CountyPass", from: "Gateway_County", to: "Task_CityAcceptance", name: "初验合格", condition: "${countyAcceptance == 'pass'}" },
    { id: "Flow_CountyRectify", from: "Gateway_County", to: "Task_SelfCheck", name: "整改", isDefault: true, lane: 1 },
    { id: "Flow_ToCityGateway", from: "Task_CityAcceptance", to: "Gateway_City" },
    { id: "Flow_CityPass", from: "Gateway_City", to: "Task_File", name: "验收合格", condition: "${cityAcceptance == 'pass'}" },
    { id: "Flow_CityRectify", from: "Gateway_City", to: "Task_SelfCheck", name: "整改后复验", isDefault: true, lane: 2 },
    { id: "Flow_ToEnd", from: "Task_File", to: "End_Filed" },
  ],
});
