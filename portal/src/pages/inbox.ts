// 待办: the clerk's tasks with filters (flow, overdue, due soon, business key, applicant), sorting, counts
// per flow and paging. The filters live in the URL, so a reload or the back button keeps them.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { get, post, queryString } from "../api";
import { navigate, paramsOf, useLoad, useLocation, usePortal } from "../context";
import { formatDateTime } from "../i18n";
import { Card, Loading, Pager, StatusBadge } from "../ui";

interface InboxTask {
  id: string; name: string | null; processDefinitionKey: string; processDefinitionName: string | null; businessKey: string | null;
  applicantName: string | null; assignee: string | null; created: string; due: string | null; overdue: boolean; dueSoon: boolean; suspended: boolean;
}
interface Inbox { items: InboxTask[]; total: number; counts: { flow: string; name: string | null; count: number }[]; overdueCount: number; dueSoonCount: number }
interface Notification { id: string; title: string; body: string | null; createdAt: string; processInstanceId: string | null; taskId: string | null }

const FILTERS = ["flow", "overdue", "dueSoon", "businessKey", "applicant", "assignedToMe", "sortBy", "sortOrder", "firstResult"] as const;
const PAGE = 20;

export function InboxPage() {
  const { t, language, me } = usePortal();
  const { query } = useLocation();
  const params = paramsOf(query, FILTERS);
  const first = Number(params.firstResult || 0);
  const inbox = useLoad(() => get<Inbox>(`/api/portal/inbox${queryString({ ...params, maxResults: PAGE })}`), [query.toString()]);
  // 催办 / 抄送 notices come from the approval API (server/api/approval.ts), which also marks them read
  const reminders = useLoad(() => get<Notification[]>("/api/notifications?unread=true&maxResults=5"), []);
  const [draft, setDraft] = useState({ businessKey: params.businessKey, applicant: params.applicant });
  const go = (changes: Record<string, string | number | boolean | undefined>) => {
    const next = { ...params, firstResult: "", ...changes };
    navigate(`/inbox${queryString(next as Record<string, string>)}`);
  };
  if (!me) return html`<p>${t("login")}</p>`;
  const data = inbox.data;
  return html`<div data-testid="inbox-page">
    ${reminders.data?.length ? html`<div class="alert alert-warning py-2" data-testid="reminders"><strong>${t("urgeNotices")}：</strong>
      ${reminders.data.map((n) => html`<span class="me-3" data-testid="reminder">${n.taskId ? html`<a href=${`/tasks/${n.taskId}`}>${n.title}</a>` : n.title}${n.body ? `（${n.body}）` : ""}
        <button type="button" class="btn btn-link btn-sm p-0 ms-1 align-baseline" data-testid="reminder-read" title=${t("markRead")}
          onClick=${() => void post(`/api/notifications/${encodeURIComponent(n.id)}/read`).then(reminders.reload, reminders.reload)}>${t("markRead")}</button></span>`)}</div>` : null}
    <div class="d-flex flex-wrap gap-2 mb-2 flow-counts" data-testid="flow-counts">
      <button class=${`btn btn-sm ${params.flow ? "btn-outline-secondary" : "btn-secondary"}`} onClick=${() => go({ flow: "" })}>${t("allFlows")}
        <span class="badge bg-light text-dark ms-1">${data ? data.counts.reduce((s, c) => s + c.count, 0) : "…"}</span></button>
      ${data?.counts.map((c) => html`<button class=${`btn btn-sm ${params.flow === c.flow ? "btn-secondary" : "btn-outline-secondary"}`}
        onClick=${() => go({ flow: c.flow })} data-flow=${c.flow}>${c.name ?? c.flow} <span class="badge bg-light text-dark ms-1">${c.count}</span></button>`)}
      <button class=${`btn btn-sm ${params.overdue ? "btn-danger" : "btn-outline-danger"}`} data-testid="filter-overdue"
        onClick=${() => go({ overdue: params.overdue ? "" : "true", dueSoon: "" })}>${t("overdue")} <span class="badge bg-light text-dark ms-1">${data?.overdueCount ?? "…"}</span></button>
      <button class=${`btn btn-sm ${params.dueSoon ? "btn-warning" : "btn-outline-warning"}`} data-testid="filter-due-soon"
        onClick=${() => go({ dueSoon: params.dueSoon ? "" : "true", overdue: "" })}>${t("dueSoon")} <span class="badge bg-light text-dark ms-1">${data?.dueSoonCount ?? "…"}</span></button>
    </div>
    <form class="row g-2 align-items-end mb-2" onSubmit=${(e: Event) => { e.preventDefault(); go(draft); }}>
      <div class="col-auto"><label class="form-label small mb-0">${t("businessKey")}</label>
        <input class="form-control form-control-sm" name="businessKey" value=${draft.businessKey} onInput=${(e: any) => setDraft({ ...draft, businessKey: e.target.value })} /></div>
      <div class="col-auto"><label class="form-label small mb-0">${t("applicant")}</label>
        <input class="form-control form-control-sm" name="applicant" value=${draft.applicant} onInput=${(e: any) => setDraft({ ...draft, applicant: e.target.value })} /></div>
      <div class="col-auto"><label class="form-label small mb-0">${t("sortBy")}</label>
        <select class="form-select form-select-sm" name="sortBy" value=${params.sortBy || "created"} onChange=${(e: any) => go({ sortBy: e.target.value })}>
          <option value="created">${t("created")}</option><option value="due">${t("due")}</option><option value="priority">${t("priority")}</option><option value="name">${t("taskName")}</option>
        </select></div>
      <div class="col-auto"><select class="form-select form-select-sm" name="sortOrder" value=${params.sortOrder || "desc"} onChange=${(e: any) => go({ sortOrder: e.target.value })}>
        <option value="desc">${t("desc")}</option><option value="asc">${t("asc")}</option></select></div>
      <div class="col-auto form-check ms-2"><input class="form-check-input" type="checkbox" id="mine" checked=${!!params.assignedToMe}
        onChange=${(e: any) => go({ assignedToMe: e.target.checked ? "true" : "" })} /><label class="form-check-label small" for="mine">${t("assignedToMe")}</label></div>
      <div class="col-auto"><button class="btn btn-sm btn-primary" type="submit" data-testid="inbox-search">${t("search")}</button>
        <button class="btn btn-sm btn-link" type="button" onClick=${() => { setDraft({ businessKey: "", applicant: "" }); navigate("/inbox"); }}>${t("reset")}</button></div>
    </form>
    <${Card} title=${t("inbox")} testid="inbox">
      <${Loading} ...${inbox} />
      ${data && !data.items.length ? html`<p class="text-muted m-0">${t("none")}</p>` : null}
      ${data?.items.length ? html`<table class="table table-sm table-hover table-tasks m-0" data-testid="inbox-table">
        <thead><tr><th>${t("businessKey")}</th><th>${t("flow")}</th><th>${t("taskName")}</th><th>${t("applicant")}</th><th>${t("created")}</th><th>${t("due")}</th><th></th></tr></thead>
        <tbody>${data.items.map((task) => html`<tr data-task-id=${task.id} data-business-key=${task.businessKey}>
          <td><a href=${`/tasks/${task.id}`}>${task.businessKey ?? "—"}</a></td>
          <td>${task.processDefinitionName ?? task.processDefinitionKey}</td>
          <td>${task.name}</td><td>${task.applicantName ?? "—"}</td>
          <td class="small">${formatDateTime(task.created, language)}</td><td class="small">${formatDateTime(task.due, language)}</td>
          <td>${task.overdue ? html`<${StatusBadge} status="overdue" />` : task.dueSoon ? html`<${StatusBadge} status="dueSoon" />` : null}
            ${task.suspended ? html` <${StatusBadge} status="suspended" />` : null}
            ${task.assignee ? html` <span class="badge bg-info text-dark">${task.assignee === me.id ? "✓" : task.assignee}</span>` : null}</td>
        </tr>`)}</tbody></table>
        <${Pager} first=${first} max=${PAGE} total=${data.total} onPage=${(f: number) => go({ ...params, firstResult: f || "" })} />` : null}
    <//>
  </div>`;
}
