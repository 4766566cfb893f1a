// 附件材料 of a case: list, download, upload (type and size checked here for a quick answer, and again by
// the server, which decides), delete one's own.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { del, get, upload } from "../api";
import { useLoad, usePortal } from "../context";
import { formatDateTime } from "../i18n";
import { Card } from "../ui";

interface Attachment { id: string; name: string; size: number; contentType: string; createdBy: string | null; createdAt: string }
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.zip,.ofd,.geojson,.txt";
const MAX_BYTES = 20 * 1024 * 1024;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function Attachments({ processInstanceId, taskId, canUpload }: { processInstanceId: string; taskId?: string; canUpload: boolean }) {
  const { t, language, me } = usePortal();
  const list = useLoad(() => get<Attachment[]>(`/api/portal/cases/${processInstanceId}/attachments`), [processInstanceId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(`${file.name}: > 20 MB`);
      input.value = "";
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    if (taskId) form.append("taskId", taskId);
    setBusy(true);
    try {
      await upload(`/api/portal/cases/${processInstanceId}/attachments`, form);
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      input.value = "";
    }
  };
  return html`<${Card} title=${t("attachments")} testid="attachments">
    ${list.data?.length ? html`<ul class="list-unstyled small m-0">${list.data.map((a) => html`<li class="mb-1" data-testid="attachment">
      <a href=${`/api/portal/attachments/${a.id}/content`} download=${a.name}>${a.name}</a>
      <span class="text-muted"> · ${size(a.size)} · ${formatDateTime(a.createdAt, language)}</span>
      ${a.createdBy === me?.id && canUpload ? html` <button class="btn btn-link btn-sm p-0 text-danger" onClick=${async () => { await del(`/api/portal/attachments/${a.id}`).catch((e: Error) => setError(e.message)); list.reload(); }}>${t("delete")}</button>` : null}
    </li>`)}</ul>` : html`<p class="text-muted small">${t("noAttachments")}</p>`}
    ${canUpload ? html`<label class="form-label small mt-2 mb-1">${t("upload")}</label>
      <input type="file" class="form-control form-control-sm" accept=${ACCEPT} disabled=${busy} onChange=${onFile} data-testid="attachment-input" />
      <div class="form-text">${t("attachmentHint")}</div>` : null}
    ${error ? html`<div class="text-danger small mt-1" data-testid="attachment-error">${error}</div>` : null}
  <//>`;
}
