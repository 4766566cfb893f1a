// 案件地图: the cases' parcels and points (from their variables) on a Leaflet map without internet tiles,
// coloured by status; a click opens the case.
import { html } from "htm/preact";
import { useEffect, useRef } from "preact/hooks";
import { get, queryString } from "../api";
import { navigate, paramsOf, useLoad, useLocation, usePortal } from "../context";
import { Card, Loading, statusLabel } from "../ui";
import { CaseFilterBar } from "./cases";

export const STATUS_COLORS: Record<string, string> = { running: "#1f6feb", overdue: "#c62828", completed: "#2e7d32", suspended: "#6c757d", incident: "#8e24aa" };
interface CaseMap { features: { geometry: unknown; properties: { processInstanceId: string; businessKey: string | null; status: string; flowName: string | null } }[]; truncated: boolean }

export function CaseMapPage() {
  const { t } = usePortal();
  const { query } = useLocation();
  const params: Record<string, string> = paramsOf(query, ["flow", "status", "region", "from", "to", "overdue"]);
  const data = useLoad(() => get<CaseMap>(`/api/portal/case-map${queryString(params)}`), [query.toString()]);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!data.data) return;
    let map: any = null;
    let live = true;
    void import("../leafletMap").then(({ showCases }) => {
      if (!live) return;
      map = showCases(host.current!, data.data!.features, STATUS_COLORS, (id) => navigate(`/cases/${id}`));
    });
    return () => { live = false; map?.remove(); };
  }, [data.data]);
  return html`<div data-testid="map-page">
    <${CaseFilterBar} base="/map" params=${params} />
    <${Loading} ...${data} />
    <${Card} title=${`${t("map")} · ${t("caseCount", { n: new Set(data.data?.features.map((f) => f.properties.processInstanceId)).size })}`} testid="case-map-card"
      actions=${html`<span class="small map-legend" data-testid="legend">${Object.entries(STATUS_COLORS).map(([k, c]) => html`<span style=${`background:${c}`}></span>${statusLabel(k, t)}`)}</span>`}>
      ${data.data && !data.data.features.length ? html`<p class="text-muted">${t("noGeometry")}</p>` : null}
      <div class="case-map" ref=${host} data-testid="case-map"></div>
    <//>
  </div>`;
}
