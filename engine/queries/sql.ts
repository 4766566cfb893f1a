// A tiny WHERE-clause builder shared by the read queries.
import type { SqlValue } from "../persistence/db";

export class Where {
  readonly parts: string[] = [];
  readonly params: SqlValue[] = [];

  add(sql: string, ...params: SqlValue[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  eq(column: string, value: SqlValue | undefined): this {
    if (value !== undefined && value !== null) this.add(`${column} = ?`, value);
    return this;
  }

  in(column: string, values: readonly SqlValue[] | undefined): this {
    if (values === undefined) return this;
    if (values.length === 0) return this.add("1 = 0");
    return this.add(`${column} IN (${values.map(() => "?").join(", ")})`, ...values);
  }

  like(column: string, value: string | undefined): this {
    if (value !== undefined) this.add(`${column} LIKE ?`, value);
    return this;
  }

  flag(condition: boolean | undefined, sql: string): this {
    if (condition) this.add(sql);
    return this;
  }

  time(column: string, op: "<" | ">" | "<=" | ">=" | "=", value: Date | undefined): this {
    if (value) this.add(`${column} ${op} ?`, new Date(value).getTime());
    return this;
  }

  toString(): string {
    return this.parts.length ? ` WHERE ${this.parts.join(" AND ")}` : "";
  }
}

export function page(firstResult?: number, maxResults?: number): string {
  const limit = maxResults !== undefined && maxResults !== null ? Math.max(0, Math.floor(maxResults)) : -1;
  const offset = Math.max(0, Math.floor(firstResult ?? 0));
  if (limit < 0 && offset === 0) return "";
  return ` LIMIT ${limit < 0 ? "ALL" : limit} OFFSET ${offset}`.replace("LIMIT ALL", "LIMIT -1");
}

export function pageFor(dialect: "sqlite" | "postgres", firstResult?: number, maxResults?: number): string {
  const p = page(firstResult, maxResults);
  return dialect === "postgres" ? p.replace("LIMIT -1", "LIMIT ALL") : p;
}

export const ms = (v: unknown): Date | null => (v == null ? null : new Date(Number(v)));
export const bool = (v: unknown): boolean => v === true || v === 1 || v === "1";
