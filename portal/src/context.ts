// What every page needs: the user (null = the public), the language and its translator, and navigation.
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { Me } from "./api";
import type { Language, Translate } from "./i18n";

export interface PortalContext {
  me: Me | null;
  language: Language;
  t: Translate;
}

export const Portal = createContext<PortalContext>(null as never);
export const usePortal = () => useContext(Portal);

/** Client-side navigation (the server answers every page path with index.html). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new Event("jintu:navigate"));
  window.scrollTo(0, 0);
}

/** The current location (path + query), re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    window.addEventListener("popstate", update);
    window.addEventListener("jintu:navigate", update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener("jintu:navigate", update);
    };
  }, []);
  return where;
}

/** The named filters of a list page from the URL's query ("" when absent), so a reload keeps them. */
export function paramsOf<K extends string>(query: URLSearchParams, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, query.get(k) ?? ""])) as Record<K, string>;
}

/** Links inside the app navigate without reloading; modified clicks keep the browser's behaviour. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as HTMLElement).closest("a");
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = anchor.getAttribute("href");
  if (!href || !href.startsWith("/") || href.startsWith("/api/") || href.startsWith("/login") || anchor.hasAttribute("download") || anchor.target) return;
  event.preventDefault();
  navigate(href);
}

/** Loads data for a page and re-loads when `deps` change; `reload()` refreshes after an action. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: Error | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then((data) => live && setState({ data, error: null, loading: false }), (error: Error) => live && setState({ data: null, error, loading: false }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
