// Test helpers: a real Jintu server on a random port over a fresh database (SQLite file in a temp dir,
// or a new PostgreSQL database when JINTU_TEST_DATABASE_URL is set), and a small cookie-keeping client.
import { startServer, type RunningServer, type StartOptions } from "../index";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

export interface TestServer extends RunningServer {
  stop(): Promise<void>;
  client(): TestClient;
  /** A client already logged in as `user` (demo password unless given). */
  login(user: string, password?: string): Promise<TestClient>;
}

export async function startTestServer(options: Omit<StartOptions, "port" | "databaseUrl"> = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase();
  const server = await startServer({ port: 0, databaseUrl: database.url, quiet: true, jobExecutor: false, deployFlows: false, ...options });
  return {
    ...server,
    async stop() {
      await server.close();
      await database.drop();
    },
    client: () => new TestClient(server.url),
    async login(user, password = "demo") {
      const client = new TestClient(server.url);
      const res = await client.post("/api/auth/login", { json: { username: user, password } });
      if (res.status !== 200) throw new Error(`login ${user} failed: ${res.status} ${await res.text()}`);
      return client;
    },
  };
}

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export class TestClient {
  private cookies = new Map<string, string>();
  lastSetCookie: string[] = [];

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    if (this.cookies.size && !headers.cookie) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: "manual" });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, options?: RequestOptions) { return this.request("GET", path, options); }
  post(path: string, options?: RequestOptions) { return this.request("POST", path, options); }
  put(path: string, options?: RequestOptions) { return this.request("PUT", path, options); }
  patch(path: string, options?: RequestOptions) { return this.request("PATCH", path, options); }
  delete(path: string, options?: RequestOptions) { return this.request("DELETE", path, options); }

  cookie(name: string): string | undefined { return this.cookies.get(name); }
}

/** Polls until fn returns a truthy value (for rows written after the response, like the audit log). */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 3000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
