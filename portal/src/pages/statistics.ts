// 统计分析: cases started / completed / running / overdue per flow and region, and the average time per step,
// as tables and simple SVG bar charts (no chart library, nothing fetched from elsewhere).
import { html } from "htm/preact";
import { get, queryString } from "../api";
import { paramsOf, useLoad, useLocation, usePortal } from "../context";
import { formatDuration } from "../i18n";
import { Card, Loading } from "../ui";
import { CaseFilterBar } from "./cases";

interface Statistics {
  region: string; regionName: string | null;
  rows: { flow: string; flowName: string | null; region: string; regionName: string | null; started: number; completed: number; running: number; overdue: number; averageCaseMs: number | null }[];
  steps: { flow: string; activityId: string; name: string | null; completed: number; averageMs: number | null; late: number }[];
}

const COLORS = { started: "#1f6feb", completed: "#2e7d32", running: "#e67e00", overdue: "#c62828" };

/** Grouped horizontal bars: one group per label, one bar per series. */
function BarChart({ groups, series, testid }: { groups: { label: string; values: number[] }[]; series: { name: string; color: string }[]; testid: string }) {
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const bar = 14;
  const groupHeight = series.length * (bar + 2) + 12;
  const labelWidth = 170;
  const width = 640;
  const height = groups.length * groupHeight + 28;
  const scale = (v: number) => ((width - labelWidth - 50) * v) / max;
  return html`<svg class="w-100" viewBox=${`0 0 ${width} ${height}`} role="img" data-testid=${testid} style=${`max-width:${width}px`}>
    ${series.map((s, i) => html`<g transform=${`translate(${labelWidth + i * 110}, 12)`}><rect width="10" height="10" y="-9" fill=${s.color} /><text x="14" class="chart-bar-label">${s.name}</text></g>`)}
    ${groups.map((g, gi) => html`<g transform=${`translate(0, ${28 + gi * groupHeight})`}>
      ${g.label.split("\n").map((line, li) => html`<text x=${labelWidth - 6} y=${groupHeight / 2 - 10 + li * 15} text-anchor="end" class="chart-bar-label">${line.length > 14 ? line.slice(0, 13) + "…" : line}</text>`)}
      ${g.values.map((v, i) => html`<g><rect x=${labelWidth} y=${i * (bar + 2)} width=${Math.max(1, scale(v))} height=${bar} fill=${series[i]!.color} />
        <text x=${labelWidth + scale(v) + 4} y=${i * (bar + 2) + bar - 3} class="chart-bar-label">${v}</text></g>`)}
    </g>`)}
  </svg>`;
}

export function StatisticsPage() {
  const { t } = usePortal();
  const { query } = useLocation();
  const params: Record<string, string> = paramsOf(query, ["flow", "region", "from", "to"]);
  const stats = useLoad(() => get<Statistics>(`/api/portal/statistics${queryString(params)}`), [query.toString()]);
  const s = stats.data;
  const series = [{ name: t("started"), color: COLORS.started }, { name: t("completedCount"), color: COLORS.completed }, { name: t("runningCount"), color: COLORS.running }, { name: t("overdueCount"), color: COLORS.overdue }];
  const maxStep = Math.max(1, ...(s?.steps ?? []).map((x) => x.averageMs ?? 0));
  return html`<div data-testid="statistics-page">
    <${CaseFilterBar} base="/statistics" params=${params} />
    <${Loading} ...${stats} />
    ${s ? html`<${Card} title=${`${t("statistics")} · ${s.regionName ?? s.region} · ${t("byRegion")}`} testid="stats-cases">
        ${s.rows.length ? html`<${BarChart} testid="chart-cases" series=${series}
            groups=${s.rows.map((r) => ({ label: `${r.regionName ?? r.region}\n${r.flowName ?? r.flow}`, values: [r.started, r.completed, r.running, r.overdue] }))} />
          <table class="table table-sm mt-3 m-0" data-testid="stats-table"><thead><tr><th>${t("flow")}</th><th>${t("region")}</th><th>${t("started")}</th><th>${t("completedCount")}</th><th>${t("runningCount")}</th><th>${t("overdueCount")}</th><th>${t("avgDuration")}</th></tr></thead>
            <tbody>${s.rows.map((r) => html`<tr><td>${r.flowName ?? r.flow}</td><td>${r.regionName ?? r.region}</td><td>${r.started}</td><td>${r.completed}</td><td>${r.running}</td>
              <td class=${r.overdue ? "text-danger fw-semibold" : ""}>${r.overdue}</td><td>${formatDuration(r.averageCaseMs, t)}</td></tr>`)}</tbody></table>`
          : html`<p class="text-muted m-0">${t("none")}</p>`}
      <//>
      <${Card} title=${t("stepDurations")} testid="stats-steps">
        ${s.steps.length ? html`<svg class="w-100" viewBox=${`0 0 640 ${s.steps.length * 24 + 8}`} data-testid="chart-steps" style="max-width:640px">
          ${s.steps.map((step, i) => html`<g transform=${`translate(0, ${i * 24 + 4})`}>
            <text x="164" y="13" text-anchor="end" class="chart-bar-label">${step.name ?? step.activityId}</text>
            <rect x="170" width=${Math.max(1, (400 * (step.averageMs ?? 0)) / maxStep)} height="16" fill=${step.late ? COLORS.overdue : COLORS.started} />
            <text x=${174 + (400 * (step.averageMs ?? 0)) / maxStep} y="13" class="chart-bar-label">${formatDuration(step.averageMs, t)} · ${step.completed}${step.late ? ` · ${t("overdueCount")} ${step.late}` : ""}</text>
          </g>`)}</svg>` : html`<p class="text-muted m-0">${t("none")}</p>`}
      <//>` : null}
  </div>`;
}
