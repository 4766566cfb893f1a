// 退回 / 转办 / 委派 / 加签 / 抄送 (server/api/approval.ts), shown when the server offers them: which ones
// exist is read from the OpenAPI document, so the portal also works on a server without them.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { get, post } from "../api";
import { useLoad, usePortal } from "../context";
import { Card } from "../ui";

let paths: Promise<Set<string>> | null = null;
function offeredPaths(): Promise<Set<string>> {
  paths ??= get<{ paths?: Record<string, unknown> }>("/api/openapi.json").then((doc) => new Set(Object.keys(doc.paths ?? {}))).catch(() => new Set<string>());
  return paths;
}

type Action = "transfer" | "delegate" | "add-signer" | "cc";
const LABELS: Record<Action, [string, string]> = { transfer: ["转办", "Transfer"], delegate: ["委派", "Delegate"], "add-signer": ["加签", "Add signer"], cc: ["抄送", "Copy to"] };

export function ApprovalActions({ taskId, opinion, onDone }: { taskId: string; opinion: () => string; onDone: (message: string) => void }) {
  const { language } = usePortal();
  const en = language === "en";
  const offered = useLoad(offeredPaths, []);
  const [targets, setTargets] = useState<{ activityId: string; name: string | null }[] | null>(null);
  const [user, setUser] = useState("");
  const [error, setError] = useState<string | null>(null);
  const has = (p: string) => offered.data?.has(`/api/tasks/{id}/${p}`) ?? false;
  const actions = (Object.keys(LABELS) as Action[]).filter((a) => has(a));
  if (!has("return-targets") && !actions.length) return null;
  const run = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    try { await what(); onDone(done); } catch (e) { setError((e as Error).message); }
  };
  const send = (action: Action) => run(() => post(`/api/tasks/${taskId}/${action}`, action === "cc" ? { recipients: [user], message: opinion() || undefined } : { userId: user }),
    `${LABELS[action][en ? 1 : 0]} → ${user}`);
  return html`<${Card} title=${en ? "Other ways to handle it" : "其他办理方式"} testid="approval-actions">
    <div class="d-flex flex-wrap gap-2 align-items-center">
      ${has("return-targets") ? html`<button class="btn btn-sm btn-outline-danger" data-testid="return" onClick=${async () => {
        setError(null);
        try { setTargets(await get(`/api/tasks/${taskId}/return-targets`)); } catch (e) { setError((e as Error).message); }
      }}>${en ? "Return…" : "退回…"}</button>` : null}
      ${actions.length ? html`<input class="form-control form-control-sm w-auto" name="approval-user" placeholder=${en ? "colleague's login" : "同事账号"} value=${user} onInput=${(e: any) => setUser(e.target.value.trim())} />
        ${actions.map((a) => html`<button class="btn btn-sm btn-outline-secondary" disabled=${!user} data-testid=${`approval-${a}`} onClick=${() => send(a)}>${LABELS[a][en ? 1 : 0]}</button>`)}` : null}
    </div>
    ${targets ? html`<div class="mt-2" data-testid="return-targets"><span class="small me-2">${en ? "Return to:" : "退回至："}</span>
      ${targets.length ? targets.map((target) => html`<button class="btn btn-sm btn-danger me-2" data-target=${target.activityId}
        onClick=${() => run(async () => {
          const text = opinion();
          await post(`/api/tasks/${taskId}/return`, { targetActivityId: target.activityId, opinion: text || undefined });
          // the reason is also an opinion (审批意见) of the case, shown to the step it goes back to
          if (text) await post(`/api/portal/tasks/${taskId}/opinion`, { decision: "return", message: text });
        }, `${en ? "Returned to" : "已退回至"} ${target.name ?? target.activityId}`)}>${target.name ?? target.activityId}</button>`)
        : html`<span class="text-muted small">${en ? "no earlier step" : "没有可退回的环节"}</span>`}</div>` : null}
    ${error ? html`<div class="text-danger small mt-1" data-testid="approval-error">${error}</div>` : null}
  <//>`;
}
