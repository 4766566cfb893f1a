// 案件跟踪: one case on its diagram (path taken, where it waits), who holds each open task and for how many
// working days against its deadline, the history and opinions, the operation log, incidents with retry,
// and the supervisory actions 催办 and 挂起/恢复 (the approval routes /api/tasks/:id/urge and
// /api/cases/:id/suspend|resume, so the engine's operation log records them like any other 催办 or 挂起).
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { get, post } from "../api";
import { useLoad, usePortal } from "../context";
import { formatDateTime } from "../i18n";
import { Alert, Card, Loading, StatusBadge } from "../ui";
import { Attachments } from "./attachments";

interface Tracking {
  suspended: boolean; ended: boolean; xml: string | null; activeActivityIds: string[]; visited: { activityId: string; count: number; finished: boolean }[];
  openTasks: { id: string; name: string | null; taskDefinitionKey: string; assignee: string | null; candidateGroups: string[];
    created: string; due: string | null; workingDaysOpen: number; workingDaysLeft: number | null; overdue: boolean }[];
  incidents: { id: string; type: string; message: string | null; activityId: string | null; time: string }[];
  operations: { time: string; userId: string | null; operationType: string; entityType: string; property: string | null; newValue: string | null; annotation: string | null }[];
  /** display names of users, role + region of candidate groups, keyed by id (without `group:`) */
  labels: Record<string, { zh: string; en: string }>;
  actions: { canUrge: boolean; canSuspend: boolean; canRetry: boolean };
}
interface CaseDetail {
  summary: { id: string; businessKey: string | null; processDefinitionName: string | null; processDefinitionKey: string; state: string; startTime: string; endTime: string | null; regionName: string | null; startUserId: string | null };
  history: { activityId: string; activityName: string | null; activityType: string; assignee: string | null; startTime: string; endTime: string | null; canceled: boolean }[];
  opinions: { id: string; taskName: string | null; userId: string; decision: string | null; message: string; time: string }[];
}

function Diagram({ tracking }: { tracking: Tracking }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!tracking.xml) return;
    let handle: { destroy(): void } | null = null;
    let live = true;
    const overdue = tracking.openTasks.filter((task) => task.overdue).map((task) => task.taskDefinitionKey);
    void import("../bpmnViewer").then(({ showCaseDiagram }) => showCaseDiagram(host.current!, tracking.xml!, { visited: tracking.visited, active: tracking.activeActivityIds, overdue }))
      .then((h) => { if (live) handle = h; else h.destroy(); }, (e: Error) => setError(e.message));
    return () => { live = false; handle?.destroy(); };
  }, [tracking]);
  return html`${error ? html`<${Alert}>${error}<//>` : null}<div class="bpmn-container" ref=${host} data-testid="diagram"></div>`;
}

export function CasePage({ processInstanceId }: { processInstanceId: string }) {
  const { t, language } = usePortal();
  const detail = useLoad(() => get<CaseDetail>(`/api/cases/${encodeURIComponent(processInstanceId)}`), [processInstanceId]);
  const tracking = useLoad(() => get<Tracking>(`/api/portal/cases/${encodeURIComponent(processInstanceId)}/tracking`), [processInstanceId]);
  const [message, setMessage] = useState<{ kind: string; text: string } | null>(null);
  const act = async (what: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: "success", text: await what() });
      tracking.reload();
      detail.reload();
    } catch (error) {
      setMessage({ kind: "danger", text: (error as Error).message });
    }
  };
  if (!detail.data || !tracking.data) return html`<${Loading} error=${detail.error ?? tracking.error} loading=${true} />`;
  const { summary, history, opinions } = detail.data;
  const tr = tracking.data;
  const status = tr.suspended ? "suspended" : summary.state;
  const who = (id: string | null) => {
    if (!id) return "—";
    const label = tr.labels[id.replace(/^group:/, "")];
    return label ? label[language] : id;
  };
  return html`<div data-testid="case-page">
    <div class="d-flex align-items-center gap-2 mb-2">
      <h1 class="h4 m-0 me-auto">${summary.processDefinitionName ?? summary.processDefinitionKey} <small class="text-muted">${summary.businessKey}</small></h1>
      <${StatusBadge} status=${status} />
      ${tr.openTasks.some((task) => task.overdue) ? html`<${StatusBadge} status="overdue" />` : null}
      ${tr.actions.canUrge ? html`<button class="btn btn-sm btn-warning" data-testid="urge" onClick=${() => act(async () => {
        const notified: string[] = [];
        for (const task of tr.openTasks) notified.push(...(await post<{ notified: string[] }>(`/api/tasks/${encodeURIComponent(task.id)}/urge`, {})).notified);
        return t("urgeDone", { who: [...new Set(notified)].map(who).join("、") });
      })}>${t("urge")}</button>` : null}
      ${tr.actions.canSuspend ? html`<button class="btn btn-sm btn-outline-secondary" data-testid="suspend" onClick=${() => act(async () => {
        await post(`/api/cases/${encodeURIComponent(processInstanceId)}/${tr.suspended ? "resume" : "suspend"}`);
        return tr.suspended ? t("resumedDone") : t("suspendedDone");
      })}>${tr.suspended ? t("resume") : t("suspend")}</button>` : null}
    </div>
    ${message ? html`<${Alert} kind=${message.kind} testid="case-message">${message.text}<//>` : null}
    <${Card} title=${t("diagram")} testid="diagram-card"><${Diagram} tracking=${tr} /><//>
    <div class="row">
      <div class="col-lg-7">
        <${Card} title=${t("openTasks")} testid="open-tasks">
          ${tr.openTasks.length ? html`<table class="table table-sm m-0"><thead><tr><th>${t("taskName")}</th><th>${t("holder")}</th><th>${t("created")}</th><th>${t("due")}</th><th></th></tr></thead>
            <tbody>${tr.openTasks.map((task) => html`<tr data-testid="open-task">
              <td>${task.name}</td>
              <td>${task.assignee ? who(task.assignee) : t("candidates", { groups: task.candidateGroups.map(who).join("、") })}</td>
              <td class="small">${formatDateTime(task.created, language)}<br /><span class="text-muted">${t("workingDaysOpen", { n: task.workingDaysOpen })}</span></td>
              <td class="small">${formatDateTime(task.due, language)}</td>
              <td class="small">${task.workingDaysLeft === null ? "—" : task.overdue
                ? html`<span class="text-danger fw-semibold" data-testid="overdue-flag">${t("overdueBy", { n: Math.max(1, -task.workingDaysLeft) })}</span>`
                : t("workingDaysLeft", { n: task.workingDaysLeft })}</td>
            </tr>`)}</tbody></table>` : html`<p class="text-muted m-0">${t("none")}</p>`}
        <//>
        <${Card} title=${t("history")} testid="history">
          <ol class="timeline m-0">${history.filter((h) => !/Gateway$|gateway/.test(h.activityType)).map((h) => html`<li class=${h.endTime ? "" : "current"}>
            <div class="small text-muted">${formatDateTime(h.startTime, language)}${h.endTime ? ` → ${formatDateTime(h.endTime, language)}` : ""}${h.assignee ? ` · ${who(h.assignee)}` : ""}</div>
            <div>${h.activityName ?? h.activityId}${h.canceled ? " ✕" : ""}</div></li>`)}</ol>
        <//>
        ${tr.incidents.length ? html`<${Card} title=${t("incidents")} testid="incidents">
          ${tr.incidents.map((i) => html`<div class="d-flex gap-2 align-items-center mb-1"><span class="badge bg-danger">${i.type}</span>
            <span class="small me-auto">${i.activityId}: ${i.message}</span>
            ${tr.actions.canRetry ? html`<button class="btn btn-sm btn-outline-danger" onClick=${() => act(async () => { await post(`/api/portal/incidents/${i.id}/retry`); return t("retry"); })}>${t("retry")}</button>` : null}</div>`)}
        <//>` : null}
      </div>
      <div class="col-lg-5">
        <${Card} title=${t("opinions")} testid="case-opinions">
          ${opinions.length ? html`<ol class="timeline m-0">${opinions.map((o) => html`<li><div class="small text-muted">${formatDateTime(o.time, language)} · ${o.taskName ?? ""} · ${who(o.userId)}</div><div>${o.message}</div></li>`)}</ol>`
            : html`<p class="text-muted m-0">${t("noOpinions")}</p>`}
        <//>
        <${Attachments} processInstanceId=${processInstanceId} canUpload=${false} />
        <${Card} title=${t("audit")} testid="operations">
          <ul class="list-unstyled small m-0">${tr.operations.map((o) => o.operationType === "Urge"
            ? html`<li class="text-warning-emphasis" data-testid="urge-entry">${formatDateTime(o.time, language)} · ${who(o.userId)} · ${t("urge")} → ${(o.newValue ?? "").split(",").map(who).join("、")}${o.annotation ? `：${o.annotation}` : ""}</li>`
            : html`<li>${formatDateTime(o.time, language)} · ${who(o.userId)} · ${o.operationType}${o.property ? ` ${o.property}=${o.newValue ?? ""}` : ""}</li>`)}</ul>
        <//>
      </div>
    </div>
  </div>`;
}
