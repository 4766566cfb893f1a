// Test fixture (Node only) for the portal's tests: a small flow of the construction-land-approval shape —
// the public applies online with a drawn parcel (申请), the county reviews (县级审查: approve / reject), the city
// reviews (市级审核: approve / return to the county / reject) — with its Form.io forms deployed beside the BPMN
// as `<key>.form.json`, as designer/ and processes/ deploy them.
import { readFileSync } from "node:fs";
import path from "node:path";

export const TEST_FLOW_KEY = "portal-land-approval";
export const TEST_FLOW_NAME = "建设用地审批（门户测试）";

const farmland = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../gis-components/sample-layers/basic-farmland.geojson"), "utf8"));

export const TEST_FLOW_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-portal" targetNamespace="http://jintu.example/portal-test">
  <bpmn:process id="${TEST_FLOW_KEY}" name="${TEST_FLOW_NAME}" isExecutable="true" camunda:candidateStarterGroups="applicant">
    <bpmn:startEvent id="Start_Apply" name="提交用地申请" camunda:formKey="jintu-form:portal-apply"/>
    <bpmn:sequenceFlow id="f_start" sourceRef="Start_Apply" targetRef="Task_CountyReview"/>
    <bpmn:userTask id="Task_CountyReview" name="县级审查" camunda:candidateGroups="land-reviewer@\${countyCode}" camunda:dueDate="P5WD" camunda:formKey="jintu-form:portal-county-review"/>
    <bpmn:sequenceFlow id="f_county" sourceRef="Task_CountyReview" targetRef="Gateway_County"/>
    <bpmn:exclusiveGateway id="Gateway_County" name="县级意见"/>
    <bpmn:sequenceFlow id="f_county_reject" sourceRef="Gateway_County" targetRef="End_NotAccepted">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${countyDecision == 'reject'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_county_approve" sourceRef="Gateway_County" targetRef="Task_CityReview">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${countyDecision == 'approve'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="End_NotAccepted" name="不予受理"/>
    <bpmn:userTask id="Task_CityReview" name="市级审核" camunda:candidateGroups="land-reviewer@\${cityCode}" camunda:dueDate="P10WD" camunda:formKey="jintu-form:portal-city-review"/>
    <bpmn:sequenceFlow id="f_city" sourceRef="Task_CityReview" targetRef="Gateway_City"/>
    <bpmn:exclusiveGateway id="Gateway_City" name="市级审核结果"/>
    <bpmn:sequenceFlow id="f_city_approve" sourceRef="Gateway_City" targetRef="End_Approved">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${cityDecision == 'approve'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_city_return" name="退回县级" sourceRef="Gateway_City" targetRef="Task_CountyReview">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${cityDecision == 'return'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_city_reject" sourceRef="Gateway_City" targetRef="End_Rejected">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${cityDecision == 'reject'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="End_Approved" name="审核通过"/>
    <bpmn:endEvent id="End_Rejected" name="不予批准"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${TEST_FLOW_KEY}">
      <bpmndi:BPMNShape id="s_start" bpmnElement="Start_Apply"><dc:Bounds x="100" y="142" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_county" bpmnElement="Task_CountyReview"><dc:Bounds x="190" y="120" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_gw_county" bpmnElement="Gateway_County" isMarkerVisible="true"><dc:Bounds x="345" y="135" width="50" height="50"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_end_na" bpmnElement="End_NotAccepted"><dc:Bounds x="352" y="272" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_city" bpmnElement="Task_CityReview"><dc:Bounds x="450" y="120" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_gw_city" bpmnElement="Gateway_City" isMarkerVisible="true"><dc:Bounds x="605" y="135" width="50" height="50"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_end_ok" bpmnElement="End_Approved"><dc:Bounds x="712" y="142" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_end_rej" bpmnElement="End_Rejected"><dc:Bounds x="612" y="272" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="e_start" bpmnElement="f_start"><di:waypoint x="136" y="160"/><di:waypoint x="190" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_county" bpmnElement="f_county"><di:waypoint x="290" y="160"/><di:waypoint x="345" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_county_reject" bpmnElement="f_county_reject"><di:waypoint x="370" y="185"/><di:waypoint x="370" y="272"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_county_approve" bpmnElement="f_county_approve"><di:waypoint x="395" y="160"/><di:waypoint x="450" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_city" bpmnElement="f_city"><di:waypoint x="550" y="160"/><di:waypoint x="605" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_city_approve" bpmnElement="f_city_approve"><di:waypoint x="655" y="160"/><di:waypoint x="712" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_city_return" bpmnElement="f_city_return"><di:waypoint x="630" y="135"/><di:waypoint x="630" y="70"/><di:waypoint x="240" y="70"/><di:waypoint x="240" y="120"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e_city_reject" bpmnElement="f_city_reject"><di:waypoint x="630" y="185"/><di:waypoint x="630" y="272"/></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const submit = { type: "button", key: "submit", label: "提交", action: "submit", input: true };
const decision = (key: string, label: string, values: [string, string][]) => ({
  type: "radio", key, label, input: true, inline: true, validate: { required: true }, values: values.map(([value, l]) => ({ value, label: l })),
});

export const TEST_FORMS: Record<string, Record<string, unknown>> = {
  "portal-apply": {
    display: "form",
    components: [
      { type: "textfield", key: "projectName", label: "项目名称", input: true, validate: { required: true } },
      { type: "textfield", key: "applicantName", label: "建设单位", input: true, validate: { required: true } },
      { type: "textfield", key: "contactPhone", label: "联系电话", input: true, validate: { required: true, pattern: "1\\d{10}" } },
      { type: "regionSelect", key: "countyCode", label: "项目所在县（市、区）", input: true, rootCode: "330000", requiredTier: "county", validate: { required: true } },
      {
        type: "parcelMap", key: "parcel", label: "用地范围", input: true, validate: { required: true }, mapHeight: 360, center: [30.175, 120.07], zoom: 13,
        overlayLayers: [{ name: "basic-farmland", label: "永久基本农田", labelEn: "permanent basic farmland", geojson: farmland, color: "#e6a23c", onOverlap: "warn" }],
      },
      submit,
    ],
  },
  "portal-county-review": {
    display: "form",
    components: [
      { type: "textfield", key: "projectName", label: "项目名称", input: true, disabled: true },
      { type: "parcelMap", key: "parcel", label: "用地范围", input: true, disabled: true, mapHeight: 280, center: [30.175, 120.07], zoom: 13 },
      decision("countyDecision", "审查结论", [["approve", "同意上报"], ["reject", "不予受理"]]),
      { type: "textarea", key: "countyOpinion", label: "县级审查意见", input: true, validate: { required: true } },
      submit,
    ],
  },
  "portal-city-review": {
    display: "form",
    components: [
      { type: "textfield", key: "projectName", label: "项目名称", input: true, disabled: true },
      { type: "textarea", key: "countyOpinion", label: "县级审查意见", input: true, disabled: true },
      decision("cityDecision", "审核结论", [["approve", "审核通过"], ["return", "退回县级"], ["reject", "不予批准"]]),
      { type: "textarea", key: "cityOpinion", label: "市级审核意见", input: true, validate: { required: true } },
      submit,
    ],
  },
};

/** The deployment body of POST /api/deployments. */
export function testFlowDeployment(): { name: string; note: string; resources: { name: string; content: string }[] } {
  return {
    name: TEST_FLOW_KEY, note: "门户测试流程",
    resources: [
      { name: `${TEST_FLOW_KEY}.bpmn`, content: TEST_FLOW_BPMN },
      ...Object.entries(TEST_FORMS).map(([key, form]) => ({ name: `${key}.form.json`, content: JSON.stringify(form) })),
    ],
  };
}

/** A parcel of about 7 ha west of the farmland patch JBNT-330106-001, overlapping it at its west edge. */
export const TEST_PARCEL = {
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[120.055, 30.165], [120.065, 30.165], [120.065, 30.17], [120.055, 30.17], [120.055, 30.165]]] } }],
};
