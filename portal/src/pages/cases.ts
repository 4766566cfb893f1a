// 案件列表 for supervisors (and clerks, within their region): filters by flow, status, region, start date
// range and overdue, with paging. Filters live in the URL.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { get, queryString } from "../api";
import { navigate, paramsOf, useLoad, useLocation, usePortal } from "../context";
import { formatDateTime } from "../i18n";
import { Card, Loading, Pager, StatusBadge } from "../ui";

interface CaseRow {
  id: string; businessKey: string | null; processDefinitionKey: string; processDefinitionName: string | null; state: string; startTime: string;
  endTime: string | null; regionName: string | null; applicantName: string | null; incidents: number; overdue: boolean;
  openTasks: { id: string; name: string | null; assignee: string | null; due: string | null }[];
}
const FILTERS = ["flow", "status", "region", "from", "to", "overdue", "businessKey", "firstResult"] as const;
const PAGE = 20;

export function CaseFilterBar({ base, params }: { base: string; params: Record<string, string> }) {
  const { t } = usePortal();
  // the flows the caller may see (the engine's latest definitions; staff all have engine-rest access)
  const flows = useLoad(() => get<{ key: string; name: string | null }[]>("/engine-rest/process-definition?latestVersion=true&sortBy=name&sortOrder=asc").catch(() => []), []);
  const [draft, setDraft] = useState(params);
  const set = (k: string) => (e: any) => setDraft({ ...draft, [k]: e.target.type === "checkbox" ? (e.target.checked ? "true" : "") : e.target.value });
  return html`<form class="row g-2 align-items-end mb-2" data-testid="case-filters" onSubmit=${(e: Event) => { e.preventDefault(); navigate(base + queryString({ ...draft, firstResult: "" })); }}>
    <div class="col-auto"><label class="form-label small mb-0">${t("flow")}</label>
      <select class="form-select form-select-sm" name="flow" value=${draft.flow ?? ""} onChange=${set("flow")}><option value="">${t("allFlows")}</option>
        ${flows.data?.map((f) => html`<option value=${f.key}>${f.name ?? f.key}</option>`)}</select></div>
    ${"status" in params ? html`<div class="col-auto"><label class="form-label small mb-0">${t("status")}</label>
      <select class="form-select form-select-sm" name="status" value=${draft.status ?? ""} onChange=${set("status")}><option value="">${t("all")}</option>
        <option value="running">${t("running")}</option><option value="completed">${t("completed")}</option><option value="suspended">${t("suspended")}</option><option value="incident">${t("incident")}</option></select></div>` : null}
    <div class="col-auto"><label class="form-label small mb-0">${t("region")}</label>
      <input class="form-control form-control-sm" name="region" placeholder="330106" size="8" value=${draft.region ?? ""} onInput=${set("region")} /></div>
    <div class="col-auto"><label class="form-label small mb-0">${t("from")}</label><input type="date" class="form-control form-control-sm" name="from" value=${draft.from ?? ""} onInput=${set("from")} /></div>
    <div class="col-auto"><label class="form-label small mb-0">${t("to")}</label><input type="date" class="form-control form-control-sm" name="to" value=${draft.to ?? ""} onInput=${set("to")} /></div>
    ${"overdue" in params ? html`<div class="col-auto form-check ms-2"><input class="form-check-input" type="checkbox" id="overdue" name="overdue" checked=${!!draft.overdue} onChange=${set("overdue")} />
      <label class="form-check-label small" for="overdue">${t("overdue")}</label></div>` : null}
    <div class="col-auto"><button class="btn btn-sm btn-primary" type="submit" data-testid="case-search">${t("search")}</button>
      <button class="btn btn-sm btn-link" type="button" onClick=${() => { setDraft({}); navigate(base); }}>${t("reset")}</button></div>
  </form>`;
}

export function CasesPage() {
  const { t, language } = usePortal();
  const { query } = useLocation();
  const params: Record<string, string> = paramsOf(query, FILTERS);
  const first = Number(params.firstResult || 0);
  const cases = useLoad(() => get<{ items: CaseRow[]; total: number }>(`/api/portal/cases${queryString({ ...params, maxResults: PAGE })}`), [query.toString()]);
  return html`<div data-testid="cases-page">
    <${CaseFilterBar} base="/cases" params=${params} />
    <${Card} title=${t("cases")} testid="cases">
      <${Loading} ...${cases} />
      ${cases.data && !cases.data.items.length ? html`<p class="text-muted m-0">${t("none")}</p>` : null}
      ${cases.data?.items.length ? html`<table class="table table-sm table-hover m-0" data-testid="case-table">
        <thead><tr><th>${t("businessKey")}</th><th>${t("flow")}</th><th>${t("region")}</th><th>${t("applicant")}</th><th>${t("startTime")}</th><th>${t("openTasks")}</th><th>${t("status")}</th></tr></thead>
        <tbody>${cases.data.items.map((c) => html`<tr data-case-id=${c.id}>
          <td><a href=${`/cases/${c.id}`}>${c.businessKey ?? c.id.slice(0, 8)}</a></td><td>${c.processDefinitionName ?? c.processDefinitionKey}</td>
          <td>${c.regionName ?? "—"}</td><td>${c.applicantName ?? "—"}</td><td class="small">${formatDateTime(c.startTime, language)}</td>
          <td class="small">${c.openTasks.map((o) => o.name).join("、") || "—"}</td>
          <td><${StatusBadge} status=${c.state} />${c.overdue ? html` <${StatusBadge} status="overdue" />` : null}${c.incidents ? html` <${StatusBadge} status="incident" />` : null}</td>
        </tr>`)}</tbody></table>
        <${Pager} first=${first} max=${PAGE} total=${cases.data.total} onPage=${(f: number) => navigate(`/cases${queryString({ ...params, firstResult: f || "" })}`)} />` : null}
    <//>
  </div>`;
}
