// Server-side validation of Form.io submissions (forms/validation): Jintu's GIS fields (parcel geometry,
// overlaps, region) and the standard fields (required, types, options, pattern, ranges). Used by the
// portal's validate routes, online applications, and — through the /engine-rest hook built here — before
// a task with a `jintu-form:<key>` form frozen in its deployment is completed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkStandardFields, validateSubmission, walkComponents, type FormComponentJson, type SubmissionValidation } from "../../forms/index";
import type { Engine, Task, VariableInput } from "../../engine";

export const FORM_KEY_PREFIX = "jintu-form:";

const LAYER_FILE = /^\/api\/gis\/layers\/([\w-]+)\.geojson$/;
const SAMPLE_LAYERS = path.resolve(import.meta.dirname, "../../gis-components/sample-layers");

/**
 * Loads a layer a form names by URL for server-side validation. Until Jintu has a GIS layer store, layers
 * under /api/gis/layers/ are read from gis-components/sample-layers; anything else is "unavailable" (a
 * blocking layer that cannot be loaded fails validation, as forms/validation documents).
 */
export async function loadFormGeoJson(url: string): Promise<unknown> {
  const name = LAYER_FILE.exec(url)?.[1];
  if (!name) throw new Error(`No layer at ${url}`);
  return JSON.parse(await readFile(path.join(SAMPLE_LAYERS, `${name}.geojson`), "utf8"));
}

/** Validates a submission with its form: GIS fields and standard fields, errors by data path. */
export async function validateWithForm(definition: Record<string, unknown>, data: Record<string, unknown>): Promise<SubmissionValidation> {
  const components = (Array.isArray(definition.components) ? definition.components : []) as FormComponentJson[];
  const result = await validateSubmission({ components }, data, { loadGeoJson: loadFormGeoJson });
  for (const [field, messages] of Object.entries(checkStandardFields(components, data))) {
    if (!result.errors[field]) result.errors[field] = messages; // a GIS field's own message comes first
  }
  // errors in the order the form shows its fields
  const order: string[] = [];
  walkComponents(components, data, ({ path: field }) => order.push(field));
  const rank = (field: string) => (order.indexOf(field) + 1 || order.length + 1);
  result.errors = Object.fromEntries(Object.entries(result.errors).sort(([a], [b]) => rank(a) - rank(b)));
  result.valid = Object.keys(result.errors).length === 0;
  return result;
}

/** "projectName: 项目名称 is required; parcel: …" — every failing field, in English (Camunda's language). */
export function describeErrors(errors: SubmissionValidation["errors"]): string {
  return Object.entries(errors).map(([field, messages]) => `${field}: ${messages.map((m) => m.en).join(", ")}`).join("; ");
}

/** The `jintu-form:<key>` form frozen in the process definition's deployment (`<key>.form.json` …), or null. */
export async function deployedForm(engine: Engine, formKey: string | null, processDefinitionId: string):
  Promise<{ key: string; resource: string; definition: Record<string, unknown> } | { key: string; resource: null } | null> {
  if (!formKey?.startsWith(FORM_KEY_PREFIX)) return null;
  const key = formKey.slice(FORM_KEY_PREFIX.length);
  const definition = await engine.getProcessDefinition(processDefinitionId);
  if (!definition) return { key, resource: null };
  for (const name of [`${key}.form.json`, `${key}.form`, `forms/${key}.json`]) {
    const resource = await engine.getDeploymentResource(definition.deploymentId, name).catch(() => null);
    if (!resource) continue;
    try {
      return { key, resource: name, definition: JSON.parse(resource.content.toString("utf8")) };
    } catch {
      throw new Error(`The deployed form resource '${name}' is not valid JSON`);
    }
  }
  return { key, resource: null };
}

const isTyped = (v: unknown): v is { type: string; value: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && typeof (v as { type?: unknown }).type === "string" && "value" in v;

/**
 * The /engine-rest hook run before POST /task/{id}/complete and /submit-form: when the task's form is a
 * Jintu form frozen in its deployment, the data the task completes with — its variables (task-local and
 * inherited) overlaid by the submitted ones, as the form shows and submits them — must pass the form.
 * Returns the problem (naming the fields) or null. Tasks without such a form pass (Camunda behaviour).
 */
export function taskSubmissionCheck(engine: Engine) {
  return async (task: Task, submitted: VariableInput | undefined): Promise<string | null> => {
    let form: Awaited<ReturnType<typeof deployedForm>>;
    try {
      form = await deployedForm(engine, task.formKey, task.processDefinitionId);
    } catch (error) {
      return (error as Error).message;
    }
    if (!form || !("definition" in form)) return null;
    const data: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(await engine.getTaskVariables(task.id))) {
      if (v.type !== "File" && v.type !== "Bytes") data[name] = v.value;
    }
    for (const [name, v] of Object.entries(submitted ?? {})) data[name] = isTyped(v) ? v.value : v;
    const result = await validateWithForm(form.definition, data);
    return result.valid ? null : `The form '${form.key}' rejects the submission: ${describeErrors(result.errors)}`;
  };
}
