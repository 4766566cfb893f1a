// 网上申报: choose a flow open to online application, fill its start form (with the map), submit, and get a
// receipt number and query code. Applying needs an applicant account; the list of flows and the form are
// public. Also lists the logged-in applicant's own applications.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import { ApiError, get, isApplicant, post } from "../api";
import { useLoad, usePortal } from "../context";
import { messagesByPath, type SubmitOutcome } from "../formio";
import { formatDateTime } from "../i18n";
import { Alert, Card, Loading } from "../ui";
import { FormView } from "./FormView";

interface Receipt { receiptNo: string; queryCode: string; processInstanceId: string }

function MyApplications() {
  const { t, language } = usePortal();
  const mine = useLoad(() => get<{ receiptNo: string; flow: string; submittedAt: string }[]>("/api/portal/applications"), []);
  if (!mine.data?.length) return null;
  return html`<${Card} title=${t("myApplications")} testid="my-applications"><ul class="list-unstyled m-0">
    ${mine.data.map((a) => html`<li><a href=${`/track?receiptNo=${a.receiptNo}`}>${a.receiptNo}</a> <span class="text-muted small">${formatDateTime(a.submittedAt, language)}</span></li>`)}
  </ul><//>`;
}

export function ApplyPage({ flow }: { flow: string | null }) {
  const { t, me, language } = usePortal();
  const flows = useLoad(() => get<{ key: string; name: string | null; description: string | null }[]>("/api/portal/public/flows"), []);
  const form = useLoad(() => (flow ? get<{ key: string; name: string | null; form: Record<string, unknown> }>(`/api/portal/public/flows/${encodeURIComponent(flow)}/form`) : Promise.resolve(null)), [flow]);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const definition = useMemo(() => form.data?.form ?? null, [form.data]);
  const canApply = !!me && isApplicant(me);

  const submit = async (data: Record<string, unknown>): Promise<SubmitOutcome> => {
    setMessage(null);
    try {
      const check = await post<{ valid: boolean; errors: Record<string, unknown> }>("/api/portal/applications/validate", { flow, data });
      if (!check.valid) {
        setMessage(t("validationFailed"));
        return { ok: false, fieldErrors: messagesByPath(check.errors, language) };
      }
      setReceipt(await post<Receipt>("/api/portal/applications", { flow, data }));
      return { ok: true };
    } catch (error) {
      const text = error instanceof ApiError ? error.message : String(error);
      setMessage(t("serverError", { message: text }));
      return { ok: false, message: text };
    }
  };

  if (receipt) {
    return html`<${Card} title=${t("receiptTitle")} testid="receipt">
      <dl class="row fs-5 m-0"><dt class="col-sm-3">${t("receiptNo")}</dt><dd class="col-sm-9" data-testid="receipt-no">${receipt.receiptNo}</dd>
        <dt class="col-sm-3">${t("queryCode")}</dt><dd class="col-sm-9" data-testid="query-code">${receipt.queryCode}</dd></dl>
      <p class="text-muted mt-2">${t("receiptHint")}</p>
      <a class="btn btn-primary" href=${`/track?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode}`}>${t("track")}</a>
    <//>`;
  }
  if (!flow) {
    return html`<div data-testid="apply-page">
      <${Card} title=${t("publicFlows")} testid="public-flows">
        <${Loading} ...${flows} />
        <div class="list-group">${flows.data?.map((f) => html`<a class="list-group-item list-group-item-action" href=${`/apply/${f.key}`} data-flow=${f.key}>
          <div class="fw-semibold">${f.name ?? f.key}</div>${f.description ? html`<div class="small text-muted">${f.description}</div>` : null}</a>`)}</div>
        ${flows.data && !flows.data.length ? html`<p class="text-muted m-0">${t("none")}</p>` : null}
      <//>
      ${canApply ? html`<${MyApplications} />` : null}
    </div>`;
  }
  return html`<div data-testid="apply-form-page">
    <h1 class="h4">${form.data?.name ?? flow}</h1>
    ${!canApply ? html`<${Alert} kind="info" testid="login-to-apply">${t("loginToApply")} <a href=${`/login?next=/apply/${flow}`}>${t("login")}</a><//>` : null}
    ${message ? html`<${Alert} testid="apply-message">${message}<//>` : null}
    <${Loading} ...${form} />
    ${definition ? html`<${Card} title=${t("apply")} testid="apply-form"><${FormView} definition=${definition} readOnly=${!canApply} onSubmit=${submit} /><//>` : null}
  </div>`;
}
