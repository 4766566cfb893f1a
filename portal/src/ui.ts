// Small shared pieces of UI: status badges, alerts, paging, loading and error states.
import { html } from "htm/preact";
import type { ComponentChildren } from "preact";
import { usePortal } from "./context";
import type { MessageKey, Translate } from "./i18n";

export function Alert({ kind = "danger", children, testid }: { kind?: string; children: ComponentChildren; testid?: string }) {
  return html`<div class=${`alert alert-${kind} py-2`} role="alert" data-testid=${testid}>${children}</div>`;
}

export function Loading({ error, loading }: { error: Error | null; loading: boolean }) {
  const { t } = usePortal();
  if (error) return html`<${Alert} testid="load-error">${t("error")}: ${error.message}<//>`;
  return loading ? html`<div class="text-muted py-3">${t("loading")}</div>` : null;
}

const STATUS_CLASS: Record<string, string> = {
  running: "bg-primary", completed: "bg-success", suspended: "bg-secondary", incident: "bg-danger", overdue: "bg-danger",
  dueSoon: "bg-warning text-dark", ACTIVE: "bg-primary", COMPLETED: "bg-success", SUSPENDED: "bg-secondary",
  EXTERNALLY_TERMINATED: "bg-dark", INTERNALLY_TERMINATED: "bg-dark", "in-progress": "bg-primary", terminated: "bg-dark",
};

const STATUS_LABEL: Record<string, MessageKey> = {
  running: "running", ACTIVE: "running", completed: "completed", COMPLETED: "completed", suspended: "suspended", SUSPENDED: "suspended",
  incident: "incident", overdue: "overdue", dueSoon: "dueSoon", "in-progress": "inProgress", terminated: "terminated",
  EXTERNALLY_TERMINATED: "terminated", INTERNALLY_TERMINATED: "terminated",
};

/** A case's or task's status (the portal's words or the engine's states) in the page's language. */
export const statusLabel = (status: string, t: Translate) => (STATUS_LABEL[status] ? t(STATUS_LABEL[status]) : status);

export function StatusBadge({ status }: { status: string }) {
  const { t } = usePortal();
  return html`<span class=${`badge ${STATUS_CLASS[status] ?? "bg-light text-dark"}`} data-status=${status}>${statusLabel(status, t)}</span>`;
}

export function Pager({ first, max, total, onPage }: { first: number; max: number; total: number; onPage: (first: number) => void }) {
  const { t } = usePortal();
  const page = Math.floor(first / max) + 1;
  const pages = Math.max(1, Math.ceil(total / max));
  return html`<div class="d-flex align-items-center gap-2 my-2" data-testid="pager">
    <span class="text-muted small me-auto">${t("total", { n: total })}</span>
    <button class="btn btn-sm btn-outline-secondary" disabled=${first === 0} onClick=${() => onPage(Math.max(0, first - max))}>${t("prev")}</button>
    <span class="small">${page} / ${pages}</span>
    <button class="btn btn-sm btn-outline-secondary" disabled=${first + max >= total} onClick=${() => onPage(first + max)}>${t("next")}</button>
  </div>`;
}

export function Card({ title, children, testid, actions }: { title: ComponentChildren; children: ComponentChildren; testid?: string; actions?: ComponentChildren }) {
  return html`<section class="card mb-3" data-testid=${testid}>
    <div class="card-header d-flex align-items-center"><h2 class="h6 m-0 me-auto">${title}</h2>${actions}</div>
    <div class="card-body">${children}</div>
  </section>`;
}
