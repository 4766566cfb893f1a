// Reads a camunda:* attribute from a moddle element whether or not the moddle that parsed it knows the
// Camunda extension: bpmn-js registers camunda-bpmn-moddle (typed property), a plain bpmn-moddle keeps
// unknown attributes in $attrs. Rules must work in both (browser linting and Node tests / server).
export function camundaAttr(node: any, name: string): string | undefined {
  const qualified = `camunda:${name}`;
  const fromAttrs = node?.$attrs?.[qualified];
  if (fromAttrs !== undefined && fromAttrs !== null) return String(fromAttrs);
  const descriptor = node?.$descriptor;
  const known = descriptor?.propertiesByName?.[qualified] || descriptor?.propertiesByName?.[name];
  if (known && typeof node.get === "function") {
    const value = node.get(qualified);
    if (value !== undefined && value !== null) return String(value);
  }
  return undefined;
}

export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

/** Comma separated lists, as Camunda writes candidate users / groups. */
export function splitList(value: string | undefined): string[] {
  if (isBlank(value)) return [];
  return value!.split(",").map((part) => part.trim()).filter(Boolean);
}
