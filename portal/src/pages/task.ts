// 办件: one task — case summary, the form bound to it (with the map components), earlier opinions in order,
// attachments, and the actions: claim/unclaim, submit (validated by the server with the same form, the
// opinion recorded, then /engine-rest/task/{id}/complete with typed variables), publish a 公示 notice, and
// the approval idioms (退回, 转办, 加签, 抄送) when the server offers them.
import { html } from "htm/preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { ApiError, get, post, typedValue } from "../api";
import { useLoad, usePortal } from "../context";
import { messagesByPath, type SubmitOutcome } from "../formio";
import { formatDateTime } from "../i18n";
import { Alert, Card, Loading, StatusBadge } from "../ui";
import { Attachments } from "./attachments";
import { ApprovalActions } from "./approvalActions";
import { FormView } from "./FormView";

interface PortalTask {
  task: { id: string; name: string | null; assignee: string | null; candidateGroups: string[]; created: string; due: string | null; formKey: string | null; suspended: boolean };
  case: { processInstanceId: string; businessKey: string | null; processDefinitionName: string | null; processDefinitionKey: string; startTime: string; regionName: string | null };
  form: { key: string; definition: Record<string, unknown> } | null;
  variables: Record<string, unknown>;
  opinions: { id: string; taskName: string | null; userId: string; userName: string | null; decision: string | null; message: string; time: string }[];
  attachments: never[];
  actions: { canWork: boolean; canClaim: boolean; canUnclaim: boolean };
}

interface Component { key?: string; type?: string; input?: boolean; disabled?: boolean; components?: Component[]; columns?: { components?: Component[] }[] }

/** Keys the submission must not send back: buttons and read-only (disabled) fields shown from the case. */
function keysToSkip(definition: Record<string, unknown>): Set<string> {
  const skip = new Set<string>();
  const walk = (list: Component[] = []) => {
    for (const c of list) {
      if (c.key && (c.type === "button" || c.disabled)) skip.add(c.key);
      walk(c.components);
      for (const column of c.columns ?? []) walk(column.components);
    }
  };
  walk(definition.components as Component[]);
  return skip;
}

const DECISIONS = new Set(["approve", "reject", "return", "comment"]);

/** The form's field for the opinion (审批意见: a key ending in "Opinion", filled in, not shown read-only from the case). */
function opinionKey(values: Record<string, unknown>, skip: Set<string>): string | undefined {
  return Object.keys(values).find((k) => /opinion$/i.test(k) && !skip.has(k) && typeof values[k] === "string" && values[k]);
}

export function TaskPage({ taskId }: { taskId: string }) {
  const { t, language, me } = usePortal();
  const page = useLoad(() => get<PortalTask>(`/api/portal/tasks/${encodeURIComponent(taskId)}`), [taskId]);
  const [message, setMessage] = useState<{ kind: string; text: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = page.data;
  const formRef = useRef<any>(null);
  /** The opinion typed in the form (the field ending in "Opinion"), for 退回 and 抄送. */
  const typedOpinion = () => {
    const values = (formRef.current?.submission?.data ?? {}) as Record<string, unknown>;
    const skip = data?.form ? keysToSkip(data.form.definition) : new Set<string>();
    const key = opinionKey(values, skip);
    return key ? String(values[key]) : "";
  };
  const definition = useMemo(() => data?.form?.definition ?? null, [data?.form?.key, data?.task.assignee]);

  const act = async (what: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await what();
      page.reload();
    } catch (error) {
      setMessage({ kind: "danger", text: (error as Error).message });
    }
  };

  const submit = async (submitted: Record<string, unknown>): Promise<SubmitOutcome> => {
    if (!data) return { ok: false };
    setMessage(null);
    try {
      const check = await post<{ valid: boolean; errors: Record<string, unknown> }>(`/api/portal/tasks/${taskId}/validate`, { data: submitted });
      if (!check.valid) {
        setMessage({ kind: "danger", text: t("validationFailed") });
        return { ok: false, fieldErrors: messagesByPath(check.errors, language) };
      }
      const skip = keysToSkip(data.form!.definition);
      const opinionField = opinionKey(submitted, skip);
      const decisionKey = Object.keys(submitted).find((k) => /decision$/i.test(k) && !skip.has(k));
      const variables = Object.fromEntries(Object.entries(submitted).filter(([k, v]) => !skip.has(k) && v !== undefined).map(([k, v]) => [k, typedValue(v)]));
      await post(`/engine-rest/task/${encodeURIComponent(taskId)}/complete`, { variables });
      // the opinion is recorded once the completion succeeded, so a failed submit leaves no stray opinion
      if (opinionField) {
        const decision = decisionKey ? String(submitted[decisionKey]) : "comment";
        await post(`/api/portal/tasks/${encodeURIComponent(taskId)}/opinion`, { message: submitted[opinionField], decision: DECISIONS.has(decision) ? decision : "comment" })
          .catch((error: Error) => setMessage({ kind: "warning", text: error.message }));
      }
      setDone(t("taskDone"));
      return { ok: true };
    } catch (error) {
      const text = error instanceof ApiError ? error.message : String(error);
      setMessage({ kind: "danger", text: t("serverError", { message: text }) });
      return { ok: false, message: text };
    }
  };

  if (page.loading && !data) return html`<${Loading} ...${page} />`;
  if (!data) return html`<${Loading} ...${page} />`;
  const { task, actions } = data;
  if (done) {
    return html`<${Alert} kind="success" testid="task-done">${done} <a href="/inbox">${t("backToInbox")}</a><//>`;
  }
  return html`<div data-testid="task-page">
    <div class="d-flex align-items-center gap-2 mb-2">
      <h1 class="h4 m-0 me-auto" data-testid="task-title">${task.name}<small class="text-muted ms-2">${data.case.businessKey}</small></h1>
      ${task.suspended ? html`<${StatusBadge} status="suspended" />` : null}
      ${actions.canClaim ? html`<button class="btn btn-primary btn-sm" data-testid="claim" onClick=${() => act(() => post(`/engine-rest/task/${taskId}/claim`, { userId: me!.id }))}>${t("claim")}</button>` : null}
      ${actions.canUnclaim ? html`<button class="btn btn-outline-secondary btn-sm" data-testid="unclaim" onClick=${() => act(() => post(`/engine-rest/task/${taskId}/unclaim`))}>${t("unclaim")}</button>` : null}
      <a class="btn btn-link btn-sm" href=${`/cases/${data.case.processInstanceId}`}>${t("openCase")}</a>
    </div>
    ${message ? html`<${Alert} kind=${message.kind} testid="task-message">${message.text}<//>` : null}
    ${actions.canClaim ? html`<${Alert} kind="info">${t("claimFirst")}<//>` : null}
    ${!actions.canWork && !actions.canClaim && task.assignee && task.assignee !== me?.id ? html`<${Alert} kind="secondary">${t("notYours", { user: task.assignee })}<//>` : null}
    <div class="row">
      <div class="col-lg-8">
        <${Card} title=${t("caseSummary")} testid="case-summary">
          <dl class="row small m-0">
            <dt class="col-sm-3">${t("flow")}</dt><dd class="col-sm-9">${data.case.processDefinitionName ?? data.case.processDefinitionKey}</dd>
            <dt class="col-sm-3">${t("businessKey")}</dt><dd class="col-sm-9">${data.case.businessKey ?? "—"}</dd>
            <dt class="col-sm-3">${t("applicant")}</dt><dd class="col-sm-9">${String(data.variables.applicantName ?? "—")}</dd>
            <dt class="col-sm-3">${t("region")}</dt><dd class="col-sm-9">${data.case.regionName ?? "—"}</dd>
            <dt class="col-sm-3">${t("startTime")}</dt><dd class="col-sm-9">${formatDateTime(data.case.startTime, language)}</dd>
            <dt class="col-sm-3">${t("due")}</dt><dd class="col-sm-9">${formatDateTime(task.due, language)}</dd>
          </dl>
        <//>
        <${Card} title=${task.name ?? ""} testid="task-form">
          ${definition ? html`<${FormView} definition=${definition} data=${data.variables} readOnly=${!actions.canWork} onSubmit=${submit} onReady=${(form: any) => { formRef.current = form; }} />`
            : html`<p class="text-muted">${task.formKey ?? t("none")}</p>`}
        <//>
        ${actions.canWork ? html`<${ApprovalActions} taskId=${taskId} opinion=${typedOpinion} onDone=${(text: string) => setDone(text)} />` : null}
        ${actions.canWork ? html`<${NoticeForm} taskId=${taskId} />` : null}
      </div>
      <div class="col-lg-4">
        <${Card} title=${t("opinions")} testid="opinions">
          ${data.opinions.length ? html`<ol class="timeline m-0">${data.opinions.map((o) => html`<li data-testid="opinion">
            <div class="small text-muted">${formatDateTime(o.time, language)} · ${o.taskName ?? ""} · ${o.userName ?? o.userId}</div>
            <div>${o.decision && o.decision !== "comment" ? html`<span class="badge bg-light text-dark me-1">${o.decision}</span>` : null}${o.message}</div>
          </li>`)}</ol>` : html`<p class="text-muted m-0">${t("noOpinions")}</p>`}
        <//>
        <${Attachments} processInstanceId=${data.case.processInstanceId} taskId=${taskId} canUpload=${actions.canWork || actions.canClaim} />
      </div>
    </div>
  </div>`;
}

function NoticeForm({ taskId }: { taskId: string }) {
  const { t } = usePortal();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState({ title: "", body: "", days: 30 });
  const [result, setResult] = useState<{ kind: string; text: string } | null>(null);
  if (!open) return html`<button class="btn btn-sm btn-outline-secondary mb-3" onClick=${() => setOpen(true)} data-testid="open-notice">${t("publishNotice")}</button>`;
  const publish = async (e: Event) => {
    e.preventDefault();
    try {
      await post(`/api/portal/tasks/${taskId}/notice`, state);
      setResult({ kind: "success", text: t("published") });
    } catch (error) {
      setResult({ kind: "danger", text: (error as Error).message });
    }
  };
  return html`<${Card} title=${t("publishNotice")} testid="notice-form">
    <form onSubmit=${publish}>
      <input class="form-control mb-2" placeholder=${t("noticeTitle")} value=${state.title} onInput=${(e: any) => setState({ ...state, title: e.target.value })} required />
      <textarea class="form-control mb-2" rows="3" placeholder=${t("noticeBody")} value=${state.body} onInput=${(e: any) => setState({ ...state, body: e.target.value })} required></textarea>
      <div class="d-flex gap-2 align-items-center"><label class="small">${t("noticeDays")}</label>
        <input type="number" min="1" max="365" class="form-control form-control-sm w-auto" value=${state.days} onInput=${(e: any) => setState({ ...state, days: Number(e.target.value) })} />
        <button class="btn btn-sm btn-primary" type="submit">${t("publish")}</button></div>
      ${result ? html`<div class=${`mt-2 text-${result.kind}`}>${result.text}</div>` : null}
    </form>
  <//>`;
}
