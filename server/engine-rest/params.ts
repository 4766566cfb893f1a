// Reading query parameters the way Camunda does, from a GET query string (all text, lists comma-separated)
// or from a POST query body (typed JSON), with Camunda's error wording for values that do not convert.
import { badRequest } from "./http";
import { parseDate } from "./dates";

export type ParamSource = "query" | "body";

export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly source: ParamSource,
  ) {}

  static query(q: unknown): Params {
    return new Params((q ?? {}) as Record<string, unknown>, "query");
  }

  static body(b: unknown): Params {
    if (b !== undefined && b !== null && (typeof b !== "object" || Array.isArray(b))) {
      throw badRequest("The request body must be a JSON object");
    }
    return new Params((b ?? {}) as Record<string, unknown>, "body");
  }

  has(name: string): boolean {
    const v = this.values[name];
    return v !== undefined && v !== null && v !== "";
  }

  raw(name: string): unknown {
    const v = this.values[name];
    // A repeated query parameter (?a=1&a=2) arrives as an array; Camunda takes the first.
    if (this.source === "query" && Array.isArray(v)) return v[0];
    return v;
  }

  private fail(name: string, value: unknown, reason?: string): never {
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    throw badRequest(`Cannot set query parameter '${name}' to value '${shown}'${reason ? `: ${reason}` : ""}`);
  }

  str(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return this.fail(name, v);
  }

  bool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    return this.fail(name, v, "expected true or false");
  }

  /** Camunda's boolean flags (`unassigned=true`): only `true` switches the filter on. */
  flag(name: string): boolean {
    return this.bool(name) === true;
  }

  int(name: string, { min }: { min?: number } = {}): number | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) return this.fail(name, v, "expected an integer");
    if (min !== undefined && n < min) return this.fail(name, v, `must be at least ${min}`);
    return n;
  }

  date(name: string): Date | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    const d = typeof v === "string" ? parseDate(v) : null;
    if (!d) {
      return this.fail(name, v, `Cannot convert value "${String(v)}" to java type java.util.Date`);
    }
    return d;
  }

  /** A list: comma-separated in a query string, a JSON array (or comma string) in a body. */
  list(name: string): string[] | undefined {
    if (!this.has(name)) return undefined;
    const v = this.values[name];
    const parts = Array.isArray(v) ? v.flatMap((x) => (this.source === "query" ? String(x).split(",") : [x])) : typeof v === "string" ? v.split(",") : null;
    if (!parts || parts.some((p) => typeof p !== "string" && typeof p !== "number")) return this.fail(name, v, "expected a list of strings");
    return parts.map((p) => String(p).trim()).filter((p) => p.length > 0);
  }

  /** Plain nested JSON (POST bodies only: `sorting`, `processVariables` …). */
  json(name: string): unknown {
    return this.values[name];
  }
}

/** firstResult/maxResults: Camunda reads them from the query string, also for POST queries. */
export function paging(query: Params, body?: Params): { firstResult?: number; maxResults?: number } {
  const pick = (name: string) => query.int(name, { min: 0 }) ?? body?.int(name, { min: 0 });
  const firstResult = pick("firstResult");
  const maxResults = pick("maxResults");
  return {
    ...(firstResult !== undefined ? { firstResult } : {}),
    ...(maxResults !== undefined ? { maxResults } : {}),
  };
}

/** Removes undefined entries so engine filters only see the criteria the caller gave. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
