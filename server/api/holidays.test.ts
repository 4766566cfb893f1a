import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";
import { startServer } from "../index";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => server?.stop());

// Not the real 2027 notice (not published yet): a made-up year for the test.
const YEAR_2027 = { holidays: ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09"], workdays: ["2027-02-06"], source: "测试用放假安排" };

describe("holiday calendar administration", () => {
  it("an administrator loads a year; the engine's calendar uses it at once and after a restart", async () => {
    const admin = await server.login("demo");
    const before = server.engine.calendar.isWorkingDay(new Date("2027-01-01T10:00:00+08:00"));
    expect(before).toBe(true); // uncovered year: plain weekdays (the fallback the server enables)

    const saved = await admin.put("/api/holidays/2027", { json: YEAR_2027 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ year: 2027, holidays: YEAR_2027.holidays, workdays: ["2027-02-06"], loadedBy: "demo" });
    expect(server.engine.calendar.isWorkingDay(new Date("2027-01-01T10:00:00+08:00"))).toBe(false);
    expect(server.engine.calendar.isWorkingDay(new Date("2027-02-06T10:00:00+08:00"))).toBe(true); // a Saturday 调休

    const list = await (await (await server.login("zhejiang-supervisor")).get("/api/holidays")).json();
    expect(list.years).toEqual([expect.objectContaining({ year: 2027, holidays: 4, workdays: 1, source: "测试用放假安排" })]);
    expect(list.warnings).toHaveProperty("fallbackYears");

    // a second server process on the same database loads the year on start
    const other = await startServer({ port: 0, databaseUrl: server.db.url, quiet: true, jobExecutor: false, seedDemo: false, deployFlows: false });
    try {
      expect(other.engine.calendar.isWorkingDay(new Date("2027-01-01T10:00:00+08:00"))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it("rejects dates of another year, impossible dates and contradictions; only administrators write", async () => {
    const admin = await server.login("demo");
    for (const body of [
      { holidays: ["2026-10-01"], workdays: [] },
      { holidays: ["2028-02-30"], workdays: [] },
      { holidays: ["2028-01-01"], workdays: ["2028-01-01"] },
      { holidays: "2028-01-01", workdays: [] },
    ]) {
      const res = await admin.put("/api/holidays/2028", { json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe("InvalidRequestException");
    }
    expect((await admin.get("/api/holidays/2028")).status).toBe(404);
    const supervisor = await server.login("zhejiang-supervisor");
    expect((await supervisor.put("/api/holidays/2028", { json: { holidays: [], workdays: [] } })).status).toBe(403);
    expect((await (await server.login("xihu-clerk")).get("/api/holidays")).status).toBe(403);
  });
});
