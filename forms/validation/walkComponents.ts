// Finds Jintu components in a Form.io form definition together with the data each one holds, following
// Form.io's layout components (panel, columns, table, tabs, fieldset, well) and data-nesting components
// (container, datagrid, editgrid).
export interface FormComponentJson {
  type?: string;
  key?: string;
  input?: boolean;
  tree?: boolean;
  components?: FormComponentJson[];
  /** columns layout: an array of columns (other components may use the name differently) */
  columns?: unknown;
  /** table: a grid of cells; textarea: its height in lines (a number) */
  rows?: unknown;
  conditional?: { show?: boolean | string | null; when?: string | null; eq?: unknown };
  [setting: string]: unknown;
}

export interface ComponentVisit {
  component: FormComponentJson;
  /** Submission data path, e.g. "site" or "plots[1].parcel". */
  path: string;
  value: unknown;
  /** The data object the component's key lives in (its row or container). */
  scope: Record<string, unknown>;
}

type Data = Record<string, unknown>;
const ARRAY_TYPES = new Set(["datagrid", "editgrid"]);
const OBJECT_TYPES = new Set(["container"]);

// Settings share names across component types: a textarea's `rows` is its height in lines (a number), a
// table's `rows` is a grid of cells; a `columns` setting is only layout when it is an array of columns.
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function children(component: FormComponentJson): FormComponentJson[] {
  return [
    ...list<FormComponentJson>(component.components),
    ...list<{ components?: unknown }>(component.columns).flatMap((column) => list<FormComponentJson>(column?.components)),
    ...list<unknown>(component.rows).flatMap((row) => list<{ components?: unknown }>(row)).flatMap((cell) => list<FormComponentJson>(cell?.components)),
  ];
}

/** Form.io's simple conditional: show/hide when another field (same scope, else root) equals a value. */
function conditionallyHidden(component: FormComponentJson, scope: Data, root: Data): boolean {
  const conditional = component.conditional;
  if (!conditional?.when || conditional.show === null || conditional.show === undefined || conditional.show === "") return false;
  const other = conditional.when in scope ? scope[conditional.when] : root[conditional.when];
  const matches = String(other ?? "") === String(conditional.eq ?? "");
  const show = conditional.show === true || conditional.show === "true";
  return show ? !matches : matches;
}

export function walkComponents(components: FormComponentJson[], data: Data, visit: (v: ComponentVisit) => void): void {
  const walk = (list: FormComponentJson[], scope: Data, prefix: string) => {
    for (const component of list) {
      if (conditionallyHidden(component, scope, data)) continue;
      const key = component.key ?? "";
      if (component.type && ARRAY_TYPES.has(component.type)) {
        const rows = Array.isArray(scope[key]) ? (scope[key] as Data[]) : [];
        rows.forEach((row, i) => walk(children(component), row ?? {}, `${prefix}${key}[${i}].`));
      } else if (component.type && (OBJECT_TYPES.has(component.type) || (component.tree && component.input))) {
        const inner = (scope[key] as Data | undefined) ?? {};
        walk(children(component), inner, `${prefix}${key}.`);
      } else {
        if (key) visit({ component, path: `${prefix}${key}`, value: scope[key], scope });
        const nested = children(component);
        if (nested.length) walk(nested, scope, prefix);
      }
    }
  };
  walk(components, data, "");
}
