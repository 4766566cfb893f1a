// Type declarations for bpmn-io packages that ship JavaScript only. Kept minimal: the designer code
// treats their services as `any` and documents the calls it relies on where it makes them.
declare module "bpmnlint" {
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, Array<{ id?: string; message: string; category: string }>>>;
  }
}
declare module "bpmnlint/lib/resolver/static-resolver" {
  const StaticResolver: new (cache: Record<string, unknown>) => {
    resolveRule(pkg: string, name: string): unknown;
    resolveConfig(pkg: string, name: string): unknown;
  };
  export default StaticResolver;
}
declare module "bpmnlint/rules/*" {
  const factory: (config?: unknown) => unknown;
  export default factory;
}
declare module "bpmn-js-bpmnlint" {
  const lintModule: any;
  export default lintModule;
}
declare module "bpmn-js-properties-panel" {
  export const BpmnPropertiesPanelModule: any;
  export const BpmnPropertiesProviderModule: any;
  export const CamundaPlatformPropertiesProviderModule: any;
  export function useService(name: string, strict?: boolean): any;
}
declare module "@bpmn-io/properties-panel" {
  export const SelectEntry: any;
  export const Group: any;
  export function isSelectEntryEdited(node: unknown): boolean;
}
declare module "@bpmn-io/properties-panel/preact" {
  export function h(type: any, props: any, ...children: any[]): any;
}
declare module "@bpmn-io/properties-panel/preact/hooks" {
  export function useState<T>(initial: T): [T, (value: T) => void];
  export function useEffect(effect: () => void | (() => void), deps?: unknown[]): void;
}
declare module "camunda-bpmn-js-behaviors/lib/camunda-platform" {
  const behaviors: any;
  export default behaviors;
}
declare module "bpmn-js-differ" {
  export function diff(a: unknown, b: unknown): {
    _added: Record<string, any>;
    _removed: Record<string, any>;
    _changed: Record<string, any>;
    _layoutChanged: Record<string, any>;
  };
}
declare module "bpmn-moddle" {
  export default class BpmnModdle {
    constructor(extensions?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: Array<{ message: string }> }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): any;
  }
}
declare module "bootstrap" {
  export class Modal {
    constructor(element: Element, options?: { backdrop?: boolean | "static"; keyboard?: boolean; focus?: boolean });
    show(): void;
    hide(): void;
    dispose(): void;
  }
}
declare module "ace-builds/src-noconflict/ace" {
  const ace: any;
  export default ace;
}
declare module "ace-builds/src-noconflict/*";

// The data-less build of moment-timezone that Form.io imports (same API as "moment-timezone").
declare module "moment-timezone/moment-timezone" {
  import moment from "moment-timezone";
  export default moment;
}
