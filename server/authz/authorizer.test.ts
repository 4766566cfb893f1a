import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../engine";
import { migrate } from "../../engine";
import { createTestDatabase, type TestDatabase } from "../testing/testDatabase";
import { createAuthorizer, type Authorizer } from "./index";
import { SqlCasbinAdapter } from "./casbinAdapter";

const clock = { now: () => new Date() };
let testDb: TestDatabase;
let db: Db;
let authz: Authorizer;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.url);
  await migrate(db);
  authz = await createAuthorizer(db, clock);
  await authz.grant({ userId: "zhejiang-clerk", role: "land-reviewer", region: "330000" });
  await authz.grant({ userId: "xihu-clerk", role: "land-reviewer", region: "330106" });
  await authz.grant({ userId: "hangzhou-supervisor", role: "supervisor", region: "330100" });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe("casbin RBAC with region domains", () => {
  it("a province role covers its cities and counties", async () => {
    expect(await authz.enforce("zhejiang-clerk", "330000", "task", "work")).toBe(true);
    expect(await authz.enforce("zhejiang-clerk", "330100", "task", "work")).toBe(true);
    expect(await authz.enforce("zhejiang-clerk", "330106", "task", "work")).toBe(true);
    expect(await authz.enforce("zhejiang-clerk", "320102", "task", "work")).toBe(false); // Jiangsu
  });

  it("a county role does not cover the neighbour county nor the city above", async () => {
    expect(await authz.enforce("xihu-clerk", "330106", "task", "work")).toBe(true);
    expect(await authz.enforce("xihu-clerk", "330110", "task", "work")).toBe(false);
    expect(await authz.enforce("xihu-clerk", "330100", "task", "work")).toBe(false);
  });

  it("business roles inherit clerk permissions but not others", async () => {
    expect(await authz.enforce("xihu-clerk", "330106", "opinion", "write")).toBe(true);
    expect(await authz.enforce("xihu-clerk", "330106", "audit", "read")).toBe(false);
    expect(await authz.enforce("hangzhou-supervisor", "330110", "audit", "read")).toBe(true);
    expect(await authz.enforce("hangzhou-supervisor", "330110", "task", "work")).toBe(false);
  });

  it("revoking removes the permission at once and persists in casbin_rule", async () => {
    await authz.grant({ userId: "tmp", role: "clerk", region: "330203" });
    expect(await authz.enforce("tmp", "330203", "task", "read")).toBe(true);
    expect(await authz.revoke({ userId: "tmp", role: "clerk", region: "330203" })).toBe(true);
    expect(await authz.enforce("tmp", "330203", "task", "read")).toBe(false);
    expect(await db.get(`SELECT * FROM casbin_rule WHERE v0 = 'user:tmp'`)).toBeUndefined();
    expect(await authz.revoke({ userId: "tmp", role: "clerk", region: "330203" })).toBe(false);
  });

  it("a second authorizer (another server process) sees the same policy from the database", async () => {
    const other = await createAuthorizer(db, clock);
    expect(await other.enforce("xihu-clerk", "330106", "task", "work")).toBe(true);
    expect(await other.enforce("xihu-clerk", "330110", "task", "work")).toBe(false);
    await authz.grant({ userId: "late", role: "it-staff", region: "330100" });
    await other.refresh(true);
    expect(await other.enforce("late", "330106", "form", "write")).toBe(true);
  });

  it("a login named like a role gains nothing from the name", async () => {
    expect(await authz.enforce("admin", "330106", "form", "write")).toBe(false);
  });

  it("the adapter round-trips policies through casbin_rule", async () => {
    const adapter = new SqlCasbinAdapter(db);
    await adapter.addPolicy("p", "p", ["role:x", "330000", "thing, with comma", "read"]);
    const row = await db.get(`SELECT v2 FROM casbin_rule WHERE v0 = 'role:x'`);
    expect(row?.v2).toBe("thing, with comma");
    await adapter.removeFilteredPolicy("p", "p", 0, "role:x");
    expect(await db.get(`SELECT v2 FROM casbin_rule WHERE v0 = 'role:x'`)).toBeUndefined();
  });
});
