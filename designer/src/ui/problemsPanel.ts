// The problems panel under the canvas: every bpmnlint issue of the last run (bpmn-js-bpmnlint lints on
// import and on every change), errors first; clicking a row selects and reveals the element.
import { el } from "./dom";
import { t } from "../i18n/messages";

export interface LintIssue { id: string; message: string; category: "error" | "warn" | "info" | "rule-error"; rule?: string }
export type IssuesByElement = Record<string, LintIssue[]>;

export function countIssues(issues: IssuesByElement): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const list of Object.values(issues)) {
    for (const issue of list) {
      if (issue.category === "error" || issue.category === "rule-error") errors += 1;
      else if (issue.category === "warn") warnings += 1;
    }
  }
  return { errors, warnings };
}

export function mountProblemsPanel(container: HTMLElement, summary: HTMLElement, modeler: any): { issues(): IssuesByElement } {
  const eventBus = modeler.get("eventBus");
  const elementRegistry = modeler.get("elementRegistry");
  const translate = modeler.get("translate");
  let current: IssuesByElement = {};

  const reveal = (elementId: string) => {
    const element = elementRegistry.get(elementId);
    if (!element) return;
    modeler.get("selection").select(element);
    if (!element.waypoints) modeler.get("canvas").scrollToElement(element);
  };

  const render = () => {
    const rows = Object.entries(current)
      .flatMap(([elementId, list]) => list.map((issue) => ({ elementId, issue })))
      .sort((a, b) => rank(a.issue.category) - rank(b.issue.category) || a.elementId.localeCompare(b.elementId));
    const { errors, warnings } = countIssues(current);
    summary.replaceChildren(
      el("span", { class: `badge ${errors ? "text-bg-danger" : "text-bg-secondary"} me-1`, "data-testid": "lint-errors" }, t("errorsCount", { n: errors })),
      el("span", { class: `badge ${warnings ? "text-bg-warning" : "text-bg-secondary"}`, "data-testid": "lint-warnings" }, t("warningsCount", { n: warnings })),
    );
    if (!rows.length) {
      container.replaceChildren(el("div", { class: "text-success small p-2", "data-testid": "no-problems" }, `✓ ${t("noProblems")}`));
      return;
    }
    const body = el("tbody");
    for (const { elementId, issue } of rows) {
      const element = elementRegistry.get(elementId);
      const name = element?.businessObject?.name;
      const row = el(
        "tr",
        { class: "problem-row", role: "button", "data-element-id": elementId, "data-rule": issue.rule ?? "", "data-category": issue.category },
        el("td", {}, el("span", { class: `badge ${issue.category === "warn" ? "text-bg-warning" : "text-bg-danger"}` }, issue.category === "warn" ? "⚠" : "✖")),
        el("td", { class: "text-nowrap" }, name ? `${name}` : "", el("span", { class: "text-secondary small ms-1" }, elementId)),
        el("td", {}, translate(issue.message)),
        el("td", { class: "text-secondary small text-nowrap" }, issue.rule ?? ""),
      );
      row.addEventListener("click", () => reveal(elementId));
      body.append(row);
    }
    container.replaceChildren(
      el(
        "table",
        { class: "table table-sm table-hover mb-0 problems-table" },
        el("thead", {}, el("tr", {}, el("th", { style: "width:2.5rem" }), el("th", {}, t("element")), el("th", {}, t("message")), el("th", {}, t("rule")))),
        body,
      ),
    );
  };

  eventBus.on("linting.completed", ({ issues }: { issues: IssuesByElement }) => {
    current = issues;
    render();
  });
  render();
  return { issues: () => current };
}

function rank(category: string): number {
  return category === "error" || category === "rule-error" ? 0 : category === "warn" ? 1 : 2;
}
