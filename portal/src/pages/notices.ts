// 公示公告: notices flows publish (the case variable publicNotice) while their period runs. Public.
import { html } from "htm/preact";
import { get } from "../api";
import { useLoad, usePortal } from "../context";
import { formatDate } from "../i18n";
import { Card, Loading } from "../ui";

interface Notice { processInstanceId: string; receiptNo: string | null; flowName: string | null; regionName: string | null; title: string; body: string; from: string; until: string }

export function NoticesPage() {
  const { t, language } = usePortal();
  const notices = useLoad(() => get<Notice[]>("/api/portal/public/notices"), []);
  return html`<div data-testid="notices-page">
    <h1 class="h4">${t("noticeTitle")}</h1>
    <${Loading} ...${notices} />
    ${notices.data && !notices.data.length ? html`<p class="text-muted">${t("noNotices")}</p>` : null}
    ${notices.data?.map((n) => html`<${Card} title=${n.title} testid="notice">
      <div class="small text-muted mb-2">${n.regionName ?? ""} · ${n.flowName ?? ""} · ${n.receiptNo ?? ""} · ${t("noticePeriod", { from: formatDate(n.from, language), until: formatDate(n.until, language) })}</div>
      <div style="white-space:pre-wrap">${n.body}</div>
    <//>`)}
  </div>`;
}
