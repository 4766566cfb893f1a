// 办件查询: the public status of an application by receipt number and query code (the logged-in applicant's
// own need no code): status, result, current step and the public steps — never internal opinions.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { ApiError, get, queryString } from "../api";
import { navigate, useLoad, useLocation, usePortal } from "../context";
import { formatDate, formatDateTime } from "../i18n";
import { Alert, Card, StatusBadge } from "../ui";

interface Tracking {
  receiptNo: string; flowName: string | null; submittedAt: string; regionName: string | null; status: string; result: string | null; currentSteps: string[];
  steps: { name: string | null; type: string; startTime: string; endTime: string | null; current: boolean }[];
  notice: { title: string; body: string; from: string; until: string } | null;
}

export function TrackPage() {
  const { t, language } = usePortal();
  const { query } = useLocation();
  const receiptNo = query.get("receiptNo") ?? "";
  const queryCode = query.get("queryCode") ?? "";
  const [draft, setDraft] = useState({ receiptNo, queryCode });
  const result = useLoad(() => (receiptNo ? get<Tracking>(`/api/portal/public/track${queryString({ receiptNo, queryCode })}`) : Promise.resolve(null)), [receiptNo, queryCode]);
  const r = result.data;
  return html`<div data-testid="track-page">
    <${Card} title=${t("trackTitle")}>
      <form class="row g-2" onSubmit=${(e: Event) => { e.preventDefault(); navigate(`/track${queryString(draft)}`); }}>
        <div class="col-md-5"><input class="form-control" name="receiptNo" placeholder=${`${t("receiptNo")} 330106-20261125-0001`} value=${draft.receiptNo} onInput=${(e: any) => setDraft({ ...draft, receiptNo: e.target.value.trim() })} required /></div>
        <div class="col-md-4"><input class="form-control" name="queryCode" placeholder=${t("queryCode")} value=${draft.queryCode} onInput=${(e: any) => setDraft({ ...draft, queryCode: e.target.value.trim() })} /></div>
        <div class="col-md-3"><button class="btn btn-primary w-100" type="submit" data-testid="track-search">${t("search")}</button></div>
      </form>
      <div class="form-text">${t("trackHint")}</div>
    <//>
    ${result.error ? html`<${Alert} kind="warning" testid="track-error">${result.error instanceof ApiError && result.error.status === 404 ? t("notFoundTrack") : result.error.message}<//>` : null}
    ${r ? html`<${Card} title=${`${r.flowName ?? ""} · ${r.receiptNo}`} testid="track-result">
      <dl class="row m-0">
        <dt class="col-sm-3">${t("status")}</dt><dd class="col-sm-9"><${StatusBadge} status=${r.status} /></dd>
        ${r.result ? html`<dt class="col-sm-3">${t("result")}</dt><dd class="col-sm-9" data-testid="track-outcome">${r.result}</dd>` : null}
        ${r.currentSteps.length ? html`<dt class="col-sm-3">${t("currentStep")}</dt><dd class="col-sm-9" data-testid="track-current">${r.currentSteps.join("、")}</dd>` : null}
        <dt class="col-sm-3">${t("region")}</dt><dd class="col-sm-9">${r.regionName ?? "—"}</dd>
        <dt class="col-sm-3">${t("startTime")}</dt><dd class="col-sm-9">${formatDateTime(r.submittedAt, language)}</dd>
      </dl>
      <h3 class="h6 mt-3">${t("steps")}</h3>
      <ol class="timeline" data-testid="track-steps">${r.steps.map((s) => html`<li class=${s.current ? "current" : ""}>
        <div>${s.name ?? "—"}</div><div class="small text-muted">${formatDateTime(s.startTime, language)}${s.endTime ? ` → ${formatDateTime(s.endTime, language)}` : ""}</div></li>`)}</ol>
      ${r.notice ? html`<div class="border rounded p-2 bg-light"><div class="fw-semibold">${r.notice.title}</div><div class="small text-muted">${t("noticePeriod", { from: formatDate(r.notice.from, language), until: formatDate(r.notice.until, language) })}</div><div style="white-space:pre-wrap">${r.notice.body}</div></div>` : null}
    <//>` : null}
  </div>`;
}
