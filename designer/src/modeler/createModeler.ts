// Builds the bpmn-js Modeler with everything Jintu adds: Camunda 7 properties panel and behaviours,
// the Jintu form group, Chinese translation, bpmnlint with the bundled Jintu config, and the palette /
// menus limited to what the engine runs.
import Modeler from "bpmn-js/lib/Modeler";
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from "bpmn-js-properties-panel";
import CamundaBehaviorsModule from "camunda-bpmn-js-behaviors/lib/camunda-platform";
import camundaModdle from "camunda-bpmn-moddle/resources/camunda.json";
import lintModule from "bpmn-js-bpmnlint";
import { jintuLintConfig } from "../lint/config";
import { translateModule } from "../i18n/translate";
import JintuPaletteProvider from "./JintuPaletteProvider";
import JintuMenuFilter from "./JintuMenuFilter";
import FormCatalog from "./FormCatalog";
import JintuPropertiesProvider from "../properties/JintuPropertiesProvider";

const jintuModule = {
  __init__: ["jintuPaletteProvider", "jintuMenuFilter", "jintuPropertiesProvider"],
  jintuPaletteProvider: ["type", JintuPaletteProvider],
  jintuMenuFilter: ["type", JintuMenuFilter],
  jintuPropertiesProvider: ["type", JintuPropertiesProvider],
  jintuFormCatalog: ["type", FormCatalog],
};

export function createModeler(canvas: HTMLElement, propertiesPanel: HTMLElement): Modeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: propertiesPanel },
    linting: { active: true, bpmnlint: jintuLintConfig },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      lintModule,
      translateModule,
      jintuModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  } as any);
}

export const BLANK_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://jintu.gov.cn/bpmn"
  exporter="Jintu Designer" exporterVersion="0.1.0">
  <bpmn:process id="Process_1" name="" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="152" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** A blank diagram whose process gets a fresh id, so two new flows never collide at deploy time. */
export function blankDiagram(): string {
  const id = `Process_${Math.random().toString(36).slice(2, 9)}`;
  return BLANK_DIAGRAM.replaceAll("Process_1", id);
}
