// The landing page for the public (staff are sent to their inbox or case list).
import { html } from "htm/preact";
import type { Me } from "../api";
import { usePortal } from "../context";

export function HomePage({ me }: { me: Me | null }) {
  const { t } = usePortal();
  const tiles: [string, string][] = [["/apply", t("apply")], ["/track", t("track")], ["/notices", t("notices")]];
  return html`<div class="py-4" data-testid="home">
    <h1 class="h3">${t("welcome")}</h1>
    <p class="text-muted">${t("welcomeHint")}</p>
    <div class="row g-3 mt-2">
      ${tiles.map(([href, label]) => html`<div class="col-md-4"><a class="card card-body text-decoration-none h-100 fs-5" href=${href}>${label}</a></div>`)}
    </div>
    ${me ? null : html`<p class="mt-4"><a href="/login?next=/">${t("login")}</a></p>`}
  </div>`;
}
