// 退回 / 转办 / 加签 / 抄送: shown only when the server offers the approval routes (server/api/approval.ts);
// which ones exist is read from the OpenAPI document, so the portal works with or without them.
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

export function ApprovalActions({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { t, language } = usePortal();
  const offered = useLoad(offeredPaths, []);
  const [targets, setTargets] = useState<{ activityId: string; activityName?: string | null; name?: string | null }[] | null>(null);
  const [reason, setReason] = useState("");
  const [user, setUser] = useState("");
  const [error, setError] = useState<string | null>(null);
  const has = (p: string) => offered.data?.has(p) ?? false;
  const canReturn = has("/api/tasks/{taskId}/return-targets");
  const simple: [string, string, string][] = [
    ["/api/tasks/{taskId}/delegate", language === "en" ? "Delegate" : "委派", "delegate"],
    ["/api/tasks/{taskId}/transfer", language === "en" ? "Transfer" : "转办", "transfer"],
    ["/api/tasks/{taskId}/countersigners", language === "en" ? "Add countersigner" : "加签", "countersigners"],
    ["/api/tasks/{taskId}/cc", language === "en" ? "Carbon copy" : "抄送", "cc"],
  ];
  const available = simple.filter(([p]) => has(p));
  if (!canReturn && !available.length) return null;
  const run = async (what: () => Promise<unknown>) => {
    setError(null);
    try { await what(); onDone(); } catch (e) { setError((e as Error).message); }
  };
  return html`<${Card} title=${language === "en" ? "Other actions" : "其他办理方式"} testid="approval-actions">
    <div class="d-flex flex-wrap gap-2 align-items-center">
      <input class="form-control form-control-sm w-auto" placeholder=${language === "en" ? "Reason / user" : "理由 / 用户"} value=${reason} onInput=${(e: any) => setReason(e.target.value)} />
      ${canReturn ? html`<button class="btn btn-sm btn-outline-danger" data-testid="return" onClick=${async () => setTargets(await get(`/api/tasks/${taskId}/return-targets`))}>${language === "en" ? "Return" : "退回"}</button>` : null}
      ${available.map(([, label, action]) => html`<span class="d-inline-flex gap-1">
        <input class="form-control form-control-sm w-auto" placeholder=${language === "en" ? "user" : "用户"} value=${user} onInput=${(e: any) => setUser(e.target.value)} />
        <button class="btn btn-sm btn-outline-secondary" onClick=${() => run(() => post(`/api/tasks/${taskId}/${action}`, { userId: user, users: [user], reason }))}>${label}</button></span>`)}
    </div>
    ${targets ? html`<div class="mt-2" data-testid="return-targets">${targets.map((target) => html`<button class="btn btn-sm btn-danger me-2"
      onClick=${() => run(() => post(`/api/tasks/${taskId}/return`, { targetActivityId: target.activityId, reason }))}>${target.activityName ?? target.name ?? target.activityId}</button>`)}</div>` : null}
    ${error ? html`<div class="text-danger small mt-1">${error}</div>` : null}
    <span class="d-none">${t("none")}</span>
  <//>`;
}
