// Camunda's two ways of asking for an order: `?sortBy=x&sortOrder=asc` (GET, both or neither) and the
// POST body's `sorting: [{sortBy, sortOrder}, …]`. REST names are mapped to engine sort keys per resource.
import type { SortOrder } from "../../engine";
import { badRequest } from "./http";
import type { Params } from "./params";

export interface SortSpec<K extends string> {
  sortBy: K;
  sortOrder: SortOrder;
}

function sortOrderOf(value: unknown): SortOrder {
  if (value === "asc" || value === "desc") return value;
  throw badRequest(`Cannot set query parameter 'sortOrder' to value '${String(value)}'`);
}

function sortKeyOf<K extends string>(value: unknown, allowed: Record<string, K>): K {
  if (typeof value === "string" && Object.hasOwn(allowed, value)) return allowed[value]!;
  throw badRequest(`Cannot set query parameter 'sortBy' to value '${String(value)}'`);
}

/** Reads the requested order; undefined when none was asked for. */
export function parseSorting<K extends string>(params: Params, allowed: Record<string, K>): SortSpec<K>[] | undefined {
  const sorting = params.source === "body" ? params.json("sorting") : undefined;
  if (sorting !== undefined && sorting !== null) {
    if (!Array.isArray(sorting)) throw badRequest("Cannot set query parameter 'sorting': expected an array of {sortBy, sortOrder}");
    return sorting.map((entry: unknown) => {
      const e = (entry ?? {}) as { sortBy?: unknown; sortOrder?: unknown; parameters?: unknown };
      if (e.sortBy === undefined || e.sortOrder === undefined) {
        throw badRequest("Only a single sorting parameter specified. sortBy and sortOrder required");
      }
      return { sortBy: sortKeyOf(e.sortBy, allowed), sortOrder: sortOrderOf(e.sortOrder) };
    });
  }
  const hasBy = params.has("sortBy");
  const hasOrder = params.has("sortOrder");
  if (!hasBy && !hasOrder) return undefined;
  if (hasBy !== hasOrder) throw badRequest("Only a single sorting parameter specified. sortBy and sortOrder required");
  return [{ sortBy: sortKeyOf(params.raw("sortBy"), allowed), sortOrder: sortOrderOf(params.raw("sortOrder")) }];
}

/** For engine filters that take one sortBy/sortOrder pair: the first criterion. */
export function singleSort<K extends string>(sorting: SortSpec<K>[] | undefined): { sortBy?: K; sortOrder?: SortOrder } {
  const first = sorting?.[0];
  return first ? { sortBy: first.sortBy, sortOrder: first.sortOrder } : {};
}

/** Identity map for resources whose REST names equal the engine's. */
export function sortKeys<K extends string>(...keys: K[]): Record<string, K> {
  return Object.fromEntries(keys.map((k) => [k, k])) as Record<string, K>;
}

/** For engine queries without an order option: sort the rows here (stable, nulls first like Camunda asc). */
export function sortRows<T, K extends string>(rows: T[], sorting: SortSpec<K>[] | undefined, valueOf: (row: T, key: K) => unknown): T[] {
  if (!sorting || sorting.length === 0) return rows;
  const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  return [...rows].sort((a, b) => {
    for (const { sortBy, sortOrder } of sorting) {
      const x = norm(valueOf(a, sortBy));
      const y = norm(valueOf(b, sortBy));
      if (x === y) continue;
      const c = x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : (x as number | string) < (y as number | string) ? -1 : 1;
      return sortOrder === "asc" ? c : -c;
    }
    return 0;
  });
}

export function pageRows<T>(rows: T[], page: { firstResult?: number; maxResults?: number }): T[] {
  const from = page.firstResult ?? 0;
  return page.maxResults === undefined ? rows.slice(from) : rows.slice(from, from + page.maxResults);
}
