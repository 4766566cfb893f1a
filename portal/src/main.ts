// The portal app: one page per path (the server answers every path with index.html), a top bar showing
// what the user's roles allow, and the language switch. Heavy pages (Form.io, bpmn-js, Leaflet) load
// their libraries on demand.
import "bootstrap/dist/css/bootstrap.min.css";
import "./styles.css";
import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { currentUser, isApplicant, isClerk, isSupervisor, post, type Me } from "./api";
import { Portal, navigate, onLinkClick, useLocation } from "./context";
import { initialLanguage, storeLanguage, translator, type Language } from "./i18n";
import { InboxPage } from "./pages/inbox";
import { TaskPage } from "./pages/task";
import { CasesPage } from "./pages/cases";
import { CasePage } from "./pages/case";
import { StatisticsPage } from "./pages/statistics";
import { CaseMapPage } from "./pages/caseMap";
import { ApplyPage } from "./pages/apply";
import { TrackPage } from "./pages/track";
import { NoticesPage } from "./pages/notices";
import { HomePage } from "./pages/home";

function route(path: string, me: Me | null) {
  let m: RegExpExecArray | null;
  if (path === "/inbox") return html`<${InboxPage} />`;
  if ((m = /^\/tasks\/([^/]+)$/.exec(path))) return html`<${TaskPage} taskId=${decodeURIComponent(m[1]!)} />`;
  if (path === "/cases") return html`<${CasesPage} />`;
  if ((m = /^\/cases\/([^/]+)$/.exec(path))) return html`<${CasePage} processInstanceId=${decodeURIComponent(m[1]!)} />`;
  if (path === "/statistics") return html`<${StatisticsPage} />`;
  if (path === "/map") return html`<${CaseMapPage} />`;
  if ((m = /^\/apply(?:\/([^/]+))?$/.exec(path))) return html`<${ApplyPage} flow=${m[1] ? decodeURIComponent(m[1]) : null} />`;
  if (path === "/track") return html`<${TrackPage} />`;
  if (path === "/notices") return html`<${NoticesPage} />`;
  return html`<${HomePage} me=${me} />`;
}

function App({ me }: { me: Me | null }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const t = useMemo(() => translator(language), [language]);
  const { path } = useLocation();
  useEffect(() => {
    document.documentElement.lang = language === "en" ? "en" : "zh-CN";
    document.title = t("appTitle");
  }, [language]);
  const switchLanguage = () => {
    const next = language === "zh" ? "en" : "zh";
    storeLanguage(next);
    setLanguage(next);
  };
  const logout = async () => {
    await post("/api/auth/logout").catch(() => undefined);
    location.assign("/");
  };
  const links: [string, string, boolean][] = [
    ["/inbox", t("inbox"), isClerk(me)],
    ["/cases", t("cases"), isSupervisor(me) || isClerk(me)],
    ["/statistics", t("statistics"), isSupervisor(me)],
    ["/map", t("map"), isSupervisor(me)],
    ["/apply", t("apply"), !me || isApplicant(me)],
    ["/track", t("track"), true],
    ["/notices", t("notices"), true],
  ];
  const active = (href: string) => path === href || path.startsWith(href + "/") || (href === "/cases" && path.startsWith("/cases/")) || (href === "/inbox" && path.startsWith("/tasks/"));
  return html`<${Portal.Provider} value=${{ me, language, t }}>
    <div onClick=${onLinkClick}>
      <nav class="navbar navbar-expand navbar-dark portal-bar px-3" data-testid="top-bar">
        <a class="navbar-brand fw-semibold" href="/">${t("appTitle")}</a>
        <ul class="navbar-nav me-auto flex-wrap">
          ${links.filter(([, , show]) => show).map(([href, label]) => html`<li class="nav-item">
            <a class=${`nav-link${active(href) ? " active" : ""}`} href=${href} data-testid=${`nav-${href.slice(1)}`}>${label}</a></li>`)}
        </ul>
        <button type="button" class="btn btn-sm btn-outline-light me-2" data-testid="language-switch" onClick=${switchLanguage}>${t("switchLanguage")}</button>
        ${me
          ? html`<span class="text-white-50 small me-2" data-testid="current-user">${me.displayName}</span>
              <button type="button" class="btn btn-sm btn-light" onClick=${logout} data-testid="logout">${t("logout")}</button>`
          : html`<a class="btn btn-sm btn-light" href=${`/login?next=${encodeURIComponent(location.pathname + location.search)}${language === "en" ? "&lang=en" : ""}`} data-testid="login">${t("login")}</a>`}
      </nav>
      <main class="container-fluid portal-main py-3" key=${language}>${route(path, me)}</main>
    </div>
  <//>`;
}

const me = await currentUser();
if (location.pathname === "/" && me) {
  // staff land where their work is
  if (isClerk(me)) navigate("/inbox", { replace: true });
  else if (isSupervisor(me)) navigate("/cases", { replace: true });
}
render(html`<${App} me=${me} />`, document.getElementById("app")!);
