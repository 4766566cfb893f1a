// First layout of processes/reserves-registration/reserves-registration.bpmn (see bpmnBuilder.ts).
import path from "node:path";
import { externalTask, userTask, writeBpmn } from "./bpmnBuilder";

const reviewer = { "camunda:candidateGroups": "reserve-reviewer@${reviewRegion}" };
const form = (key: string) => ({ "camunda:formKey": `jintu-form:${key}` });

writeBpmn({
  file: path.resolve(import.meta.dirname, "../reserves-registration/reserves-registration.bpmn"),
  processId: "reserves-registration",
  processName: "矿产资源储量评审备案",
  versionTag: "2026.1",
  documentation: "申请 → 确定评审备案机关(部/省) → 受理(5个工作日内一次性告知补正) → 评审(60个工作日) → 需修改的，申请人20个工作日内修改 → 备案登记(备案文号)。",
  nodes: [
    { id: "StartEvent_Apply", kind: "startEvent", name: "提交评审备案申请", col: 0, row: 0, attrs: form("rr-apply") },
    externalTask("Task_Authority", "确定评审备案机关", 1, 0, "reserves-authority"),
    userTask("Task_Accept", "受理", 2, 0, { ...reviewer, "camunda:dueDate": "P5WD", ...form("rr-accept") }),
    { id: "Gateway_Accept", kind: "exclusiveGateway", name: "受理意见", col: 3, row: 0 },
    userTask("Task_Correction", "补正材料登记", 3, -1, { ...reviewer, "camunda:dueDate": "P20WD", ...form("rr-correction") }),
    { id: "End_NotAccepted", kind: "endEvent", name: "不予受理", col: 3, row: 1 },
    userTask("Task_Review", "组织评审", 4, 0, { ...reviewer, "camunda:dueDate": "P60WD", ...form("rr-review") }),
    { id: "Gateway_Review", kind: "exclusiveGateway", name: "评审结论", col: 5, row: 0 },
    userTask("Task_Revise", "申请人修改报告", 5, -1, { ...reviewer, "camunda:dueDate": "P20WD", ...form("rr-revise") }),
    { id: "End_Failed", kind: "endEvent", name: "评审未通过", col: 5, row: 1 },
    externalTask("Task_File", "备案登记(备案文号)", 6, 0, "reserves-filing"),
    { id: "End_Filed", kind: "endEvent", name: "备案完成", col: 7, row: 0 },
  ],
  flows: [
    { id: "Flow_ToAuthority", from: "StartEvent_Apply", to: "Task_Authority" },
    { id: "Flow_ToAccept", from: "Task_Authority", to: "Task_Accept" },
    { id: "Flow_ToAcceptGateway", from: "Task_Accept", to: "Gateway_Accept" },
    { id: "Flow_Accepted", from: "Gateway_Accept", to: "Task_Review", name: "受理", condition: "${acceptDecision == 'accept'}" },
    { id: "Flow_Correction", from: "Gateway_Accept", to: "Task_Correction", name: "补正", condition: "${acceptDecision == 'correction'}" },
    { id: "Flow_CorrectionBack", from: "Task_Correction", to: "Task_Accept", lane: -1 },
    { id: "Flow_NotAccepted", from: "Gateway_Accept", to: "End_NotAccepted", name: "不予受理", isDefault: true },
    { id: "Flow_ToReviewGateway", from: "Task_Review", to: "Gateway_Review" },
    { id: "Flow_Passed", from: "Gateway_Review", to: "Task_File", name: "通过", condition: "${reviewResult == 'pass'}" },
    { id: "Flow_Revise", from: "Gateway_Review", to: "Task_Revise", name: "修改后复审", condition: "${reviewResult == 'revise'}" },
    { id: "Flow_ReviseBack", from: "Task_Revise", to: "Task_Review", lane: -2 },
    { id: "Flow_Failed", from: "Gateway_Review", to: "End_Failed", name: "不通过", isDefault: true },
    { id: "Flow_ToFiled", from: "Task_File", to: "End_Filed" },
  ],
});
