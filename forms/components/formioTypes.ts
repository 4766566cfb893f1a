// The slice of Form.io's Field component class that Jintu's components use. The classes are created from
// the Formio instance the app passes in (registerJintuComponents), so there is one Form.io in the page.

export interface FormioError {
  message: string;
  level: "error" | "warning";
  component: unknown;
  context: Record<string, unknown>;
  ruleName: string;
  errorKeyOrMessage?: string;
}

export interface FormioFieldInstance {
  component: Record<string, any>;
  options: Record<string, any>;
  refs: Record<string, any>;
  data: Record<string, unknown>;
  root?: { data?: Record<string, unknown> } & Record<string, any>;
  key: string;
  path?: string;
  pristine: boolean;
  /** Form.io's own: options.readOnly, the component's `disabled` setting, or a disabled parent (panel, form) */
  readonly disabled: boolean;
  dataValue: unknown;
  rootValue: Record<string, unknown>;
  _errors?: unknown[];
  render(children?: string, topLevel?: boolean): string;
  attach(element: HTMLElement): Promise<void> | void;
  detach(): void;
  loadRefs(element: HTMLElement, refs: Record<string, "single" | "multiple">): void;
  addEventListener(element: EventTarget, event: string, handler: (event: any) => void): void;
  getValue(): unknown;
  setValue(value: unknown, flags?: Record<string, unknown>): boolean;
  validateComponent(data?: unknown, row?: unknown, flags?: Record<string, unknown>): unknown[] | Promise<unknown[]>;
  checkComponentValidity(data?: unknown, dirty?: boolean, row?: unknown, flags?: Record<string, unknown>): boolean | Promise<boolean>;
  isEmpty(value?: unknown): boolean;
}

export type FormioFieldClass = (new (component?: unknown, options?: unknown, data?: unknown) => FormioFieldInstance) & {
  schema(...sources: unknown[]): Record<string, any>;
  editForm(...extend: unknown[]): unknown;
};

export interface FormioLike {
  Components: {
    components: Record<string, unknown> & { field: unknown };
    addComponent(name: string, component: unknown): void;
  };
}
