import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => server?.stop());

describe("organisation administration", () => {
  it("the administrator creates a user, grants a role, and the user logs in with it", async () => {
    const admin = await server.login("demo");
    const created = await admin.post("/api/users", { json: { id: "gongshu-clerk", displayName: "拱墅经办 刘洋", password: "long-enough-1" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: "gongshu-clerk", disabled: false, roles: [] });
    expect((await admin.post("/api/users", { json: { id: "gongshu-clerk", displayName: "x", password: "long-enough-1" } })).status).toBe(409);

    const grant = await admin.post("/api/role-assignments", { json: { userId: "gongshu-clerk", role: "land-reviewer", region: "330105" } });
    expect(grant.status).toBe(201);
    const me = await (await server.login("gongshu-clerk", "long-enough-1")).get("/api/auth/me");
    expect(await me.json()).toMatchObject({ groups: ["land-reviewer@330105"], regions: ["330105"], isAdmin: false });

    const groups = await (await admin.get("/api/groups?region=330100&role=land-reviewer")).json();
    expect(groups.map((g: { id: string }) => g.id).sort()).toEqual(["land-reviewer@330100", "land-reviewer@330105", "land-reviewer@330106", "land-reviewer@330110"]);

    const revoke = await admin.delete("/api/role-assignments?userId=gongshu-clerk&role=land-reviewer&region=330105");
    expect(revoke.status).toBe(204);
    expect((await admin.delete("/api/role-assignments?userId=gongshu-clerk&role=land-reviewer&region=330105")).status).toBe(404);
  });

  it("validates: unknown role, bad region, short password", async () => {
    const admin = await server.login("demo");
    for (const body of [
      { userId: "xihu-clerk", role: "emperor", region: "330106" },
      { userId: "xihu-clerk", role: "clerk", region: "33" },
      { userId: "nobody-here", role: "clerk", region: "330106" },
      { userId: "xihu-clerk", role: "clerk", region: "999999" },
    ]) {
      const res = await admin.post("/api/role-assignments", { json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe("InvalidRequestException");
    }
    const res = await admin.post("/api/users", { json: { id: "x1", displayName: "x", password: "short" } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/password/);
  });

  it("non-administrators cannot create users or grant roles", async () => {
    const it_staff = await server.login("zhejiang-it");
    expect((await it_staff.post("/api/users", { json: { id: "sneaky", displayName: "x", password: "long-enough-1" } })).status).toBe(403);
    expect((await it_staff.post("/api/role-assignments", { json: { userId: "zhejiang-it", role: "admin", region: "330000" } })).status).toBe(403);
    expect(await server.db.get(`SELECT id FROM app_user WHERE id = 'sneaky'`)).toBeUndefined();
  });

  it("disabling a user ends his sessions", async () => {
    const admin = await server.login("demo");
    const victim = await server.login("ningbo-supervisor");
    expect((await victim.get("/api/auth/me")).status).toBe(200);
    expect((await admin.patch("/api/users/ningbo-supervisor", { json: { disabled: true } })).status).toBe(200);
    expect((await victim.get("/api/auth/me")).status).toBe(401);
    expect((await server.client().post("/api/auth/login", { json: { username: "ningbo-supervisor", password: "demo" } })).status).toBe(401);
  });

  it("serves the region tree and one region", async () => {
    const clerk = await server.login("xihu-clerk");
    const tree = await (await clerk.get("/api/regions?root=330100")).json();
    expect(tree).toMatchObject({ code: "330100", name: "杭州市", tier: 2 });
    expect(tree.children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(["330106", "330110"]));
    const xihu = await (await clerk.get("/api/regions/330106")).json();
    expect(xihu).toMatchObject({ code: "330106", name: "西湖区", parent: "330100", children: [] });
    expect((await clerk.get("/api/regions/123456")).status).toBe(404);
    expect((await clerk.get("/api/regions/abc")).status).toBe(400);
  });
});
