// Every call the portal makes goes through here: the session cookie, `{type, message}` errors turned into
// ApiError (whose message can be shown as is), and JSON dates revived for the fields that carry them.

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly type?: string) {
    super(message);
    this.name = "ApiError";
  }
}

type Body = { json: unknown } | { form: FormData } | undefined;

export async function request<T = unknown>(method: string, path: string, body?: Body): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body && "json" in body) {
    init.body = JSON.stringify(body.json);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  } else if (body && "form" in body) {
    init.body = body.form;
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(`network error: ${(error as Error).message}`, 0);
  }
  const text = await response.text();
  let data: any;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw new ApiError(data?.message ?? `${response.status} ${response.statusText}`, response.status, data?.type);
  return data as T;
}

export const get = <T = unknown>(path: string) => request<T>("GET", path);
export const post = <T = unknown>(path: string, json?: unknown) => request<T>("POST", path, { json: json ?? {} });
export const put = <T = unknown>(path: string, json?: unknown) => request<T>("PUT", path, { json: json ?? {} });
export const del = <T = unknown>(path: string) => request<T>("DELETE", path);
export const upload = <T = unknown>(path: string, form: FormData) => request<T>("POST", path, { form });

/** `?a=1&b=x` from the defined, non-empty entries. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false);
  return entries.length ? "?" + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : "";
}

export interface Me { id: string; displayName: string; groups: string[]; regions: string[]; isAdmin: boolean }

/** The logged-in user, or null for the public (an endpoint that answers 200 either way: no 401 in the console). */
export async function currentUser(): Promise<Me | null> {
  return (await get<{ user: Me | null }>("/api/portal/public/session")).user;
}

export const roleNames = (me: Me | null) => new Set((me?.groups ?? []).map((g) => g.slice(0, g.lastIndexOf("@"))));
export const isClerk = (me: Me | null) => me?.isAdmin || [...roleNames(me)].some((r) => !["supervisor", "applicant", "worker", "it-staff"].includes(r));
export const isSupervisor = (me: Me | null) => me?.isAdmin || roleNames(me).has("supervisor") || roleNames(me).has("leader");
export const isApplicant = (me: Me | null) => roleNames(me).has("applicant");

/** Camunda's typed variable for a plain JSON value (objects and arrays as Json). */
export function typedValue(value: unknown): { value: unknown; type: string } {
  if (value === null || value === undefined) return { value: null, type: "Null" };
  if (typeof value === "string") return { value, type: "String" };
  if (typeof value === "boolean") return { value, type: "Boolean" };
  if (typeof value === "number") return Number.isInteger(value) ? { value, type: Math.abs(value) < 2 ** 31 ? "Integer" : "Long" } : { value, type: "Double" };
  return { value: JSON.stringify(value), type: "Json" };
}
