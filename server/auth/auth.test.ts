import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const basic = (user: string, password: string) => ({ authorization: "Basic " + Buffer.from(`${user}:${password}`).toString("base64") });

describe("session login", () => {
  it("logs in, reports the user, logs out", async () => {
    const client = server.client();
    expect((await client.get("/api/auth/me")).status).toBe(401);

    const login = await client.post("/api/auth/login", { json: { username: "xihu-clerk", password: "demo" } });
    expect(login.status).toBe(200);
    const me = { id: "xihu-clerk", displayName: "西湖分局经办 张华", groups: ["acceptance-clerk@330106", "land-reviewer@330106"], regions: ["330106"], isAdmin: false };
    expect(await login.json()).toEqual(me);
    expect(await (await client.get("/api/auth/me")).json()).toEqual(me);

    expect((await client.post("/api/auth/logout")).status).toBe(204);
    const after = await client.get("/api/auth/me");
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ type: "AuthenticationException" });
  });

  it("the demo administrator holds admin at the national tier", async () => {
    const client = await server.login("demo");
    expect(await (await client.get("/api/auth/me")).json()).toMatchObject({ id: "demo", isAdmin: true, regions: ["000000"] });
  });

  it("sets an httpOnly SameSite=Lax cookie, Secure only behind https", async () => {
    const client = server.client();
    await client.post("/api/auth/login", { json: { username: "demo", password: "demo" } });
    const cookie = client.lastSetCookie.find((c) => c.startsWith("jintu_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Expires=/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(client.cookie("jintu_session")!.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    // the table keeps only a hash of the token
    const rows = await server.db.all<{ id: string }>(`SELECT id FROM session`);
    expect(rows.map((r) => r.id)).not.toContain(client.cookie("jintu_session"));
  });

  it("marks the cookie Secure behind an https reverse proxy (trust proxy)", async () => {
    const proxied = await startTestServer({ config: { trustProxy: "loopback" } });
    try {
      const client = proxied.client();
      await client.post("/api/auth/login", { json: { username: "demo", password: "demo" }, headers: { "x-forwarded-proto": "https" } });
      expect(client.lastSetCookie.find((c) => c.startsWith("jintu_session="))).toMatch(/;\s*Secure/i);
      // without the header the same server sets no Secure flag (plain http)
      await client.post("/api/auth/login", { json: { username: "demo", password: "demo" } });
      expect(client.lastSetCookie.find((c) => c.startsWith("jintu_session="))).not.toMatch(/Secure/i);
    } finally {
      await proxied.stop();
    }
  });

  it("expires sessions after the configured lifetime", async () => {
    const { ControlledClock } = await import("../../engine");
    const clock = new ControlledClock("2026-03-02T09:00:00+08:00");
    const timed = await startTestServer({ clock, config: { sessionTtlMs: 3600_000 } });
    try {
      const client = await timed.login("xihu-clerk");
      clock.advance(30 * 60_000);
      expect((await client.get("/api/auth/me")).status).toBe(200); // used: slides to 10:30
      clock.advance(59 * 60_000);
      expect((await client.get("/api/auth/me")).status).toBe(200);
      clock.advance(61 * 60_000);
      expect((await client.get("/api/auth/me")).status).toBe(401);
    } finally {
      await timed.stop();
    }
  });

  it("a forged or stale cookie is not a session", async () => {
    const res = await server.client().get("/api/auth/me", { headers: { cookie: "jintu_session=forged" } });
    expect(res.status).toBe(401);
  });

  it("the /login form posts, redirects to next and rejects open redirects", async () => {
    const page = await server.client().get("/login?next=/portal/inbox");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="username"');
    expect(html).toContain('name="password"');
    expect(html).toContain("登录");
    expect(await (await server.client().get("/login?lang=en")).text()).toContain("Sign in");

    const client = server.client();
    const ok = await client.post("/api/auth/login", { form: { username: "hangzhou-clerk", password: "demo", next: "/portal/inbox" } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/portal/inbox");
    expect((await client.get("/api/auth/me")).status).toBe(200);

    const evil = await server.client().post("/api/auth/login", { form: { username: "hangzhou-clerk", password: "demo", next: "//evil.example/x" } });
    expect(evil.headers.get("location")).toBe("/");
  });
});

describe("wrong credentials and rate limit", () => {
  it("wrong password and unknown user both answer 401 without a cookie; then 429 after the limit", async () => {
    const limited3 = await startTestServer({ config: { loginRateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      await rateLimitScenario(limited3);
    } finally {
      await limited3.stop();
    }
  });

  it("many simultaneous requests with valid Basic credentials are never limited (long-polling workers)", async () => {
    const limited3 = await startTestServer({ config: { loginRateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () =>
        limited3.client().post("/engine-rest/external-task/fetchAndLock", { headers: basic("worker", "demo"), json: { workerId: "w", maxTasks: 1, asyncResponseTimeout: 300, topics: [{ topicName: "none", lockDuration: 1000 }] } })));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    } finally {
      await limited3.stop();
    }
  });

  async function rateLimitScenario(server: TestServer) {
    const client = server.client();
    const wrong = await client.post("/api/auth/login", { json: { username: "demo", password: "nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ type: "AuthenticationException", message: "Wrong username or password" });
    expect(client.cookie("jintu_session")).toBeUndefined();
    const unknown = await client.post("/api/auth/login", { json: { username: "nobody", password: "demo" } });
    expect(unknown.status).toBe(401);
    // a successful login does not count against the limit
    expect((await client.post("/api/auth/login", { json: { username: "demo", password: "demo" } })).status).toBe(200);
    const form = await client.post("/api/auth/login", { form: { username: "demo", password: "bad" } });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toMatch(/^\/login\?error=1/);
    // 3 failures used up the limit
    const limited = await client.post("/api/auth/login", { json: { username: "demo", password: "demo" } });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ type: "AuthenticationException" });
    // failed Basic credentials on /engine-rest are limited the same way
    for (let i = 0; i < 3; i++) expect((await server.client().get("/engine-rest/x", { headers: basic("demo", "bad") })).status).toBe(401);
    expect((await server.client().get("/engine-rest/x", { headers: basic("demo", "demo") })).status).toBe(429);
  }

  it("an invalid login body is a 400 in Camunda's error shape", async () => {
    const res = await server.client().post("/api/auth/login", { json: { username: "" } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.type).toBe("InvalidRequestException");
    expect(body.message).toMatch(/username/);
  });
});

describe("HTTP Basic on /engine-rest", () => {
  it("answers 401 with a Basic challenge without or with wrong credentials", async () => {
    for (const headers of [{}, basic("demo", "wrong"), { authorization: "Basic !!!" }]) {
      const res = await server.client().get("/engine-rest/process-definition", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="jintu"');
      expect(await res.json()).toMatchObject({ type: "AuthenticationException" });
    }
  });

  it("lets valid credentials through to the engine router", async () => {
    const res = await server.client().get("/engine-rest/no-such-resource", { headers: basic("demo", "demo") });
    expect(res.status).toBe(404); // authenticated: the router, not the auth layer, answers
    expect(await res.json()).toMatchObject({ type: "NotFoundException" });
  });

  it("accepts a UI's session cookie instead of Basic", async () => {
    const client = await server.login("zhejiang-it");
    expect((await client.get("/engine-rest/no-such-resource")).status).toBe(404);
  });

  it("refuses users without an engine role (403) and keeps GET /engine open like Camunda", async () => {
    const res = await server.client().get("/engine-rest/no-such-resource", { headers: basic("applicant", "demo") });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: "AuthorizationException" });
    expect((await server.client().get("/engine-rest/engine")).status).not.toBe(401);
  });
});
