import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "../index";
import { allRegions } from "../../gis-components/regions";
import { startTestServer } from "../testing/testServer";
import { createTestDatabase } from "../testing/testDatabase";
import { DEMO_USERS } from "./demoOrganisation";

describe("seeding", () => {
  it("production mode creates no demo users; create-admin makes the first administrator", async () => {
    const server = await startTestServer({ config: { production: true } });
    try {
      expect(Number((await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM app_user`))!.n)).toBe(0);
      expect((await server.client().post("/api/auth/login", { json: { username: "demo", password: "demo" } })).status).toBe(401);
      // the region table is reference data and is loaded in every mode
      expect(Number((await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM region`))!.n)).toBe(allRegions().length);
      expect(await server.db.get(`SELECT name, parent, tier FROM region WHERE code = '330106'`)).toEqual({ name: "西湖区", parent: "330100", tier: 3 });
    } finally {
      await server.stop();
    }
  });

  it("create-admin via the CLI, then that administrator logs in", async () => {
    const database = await createTestDatabase();
    try {
      const root = path.resolve(import.meta.dirname, "../..");
      const out = execFileSync("npx", ["tsx", "server/main.ts", "create-admin", "chief", "s3cret-pass"], {
        cwd: root, env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production" }, encoding: "utf8",
      });
      expect(out).toMatch(/\[jintu\] database (sqlite|postgres) .*: applied \d+ migrations \(\d+ total\)/);
      expect(out).toContain("administrator 'chief' created");
      expect(() => execFileSync("npx", ["tsx", "server/main.ts", "create-admin", "chief", "short"], {
        cwd: root, env: { ...process.env, DATABASE_URL: database.url }, stdio: "pipe" })).toThrow();

      const server = await startServer({ port: 0, databaseUrl: database.url, quiet: true, jobExecutor: false, deployFlows: false, config: { production: true } });
      try {
        const res = await fetch(server.url + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "chief", password: "s3cret-pass" }) });
        expect(await res.json()).toMatchObject({ id: "chief", isAdmin: true, regions: ["000000"] });
        expect(Number((await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM app_user`))!.n)).toBe(1);
      } finally {
        await server.close();
      }
    } finally {
      await database.drop();
    }
  });

  it("development mode seeds the demo organisation once, with the documented roles", async () => {
    const server = await startTestServer();
    try {
      const users = await server.db.all<{ id: string }>(`SELECT id FROM app_user ORDER BY id`);
      expect(users.map((u) => u.id)).toEqual(DEMO_USERS.map((u) => u.id).sort());
      const roles = await server.authz.rolesOf("hangzhou-clerk");
      expect(roles).toContainEqual({ role: "land-reviewer", region: "330100" });
      // every user in the README table exists with the roles listed there
      const readme = (await import("node:fs")).readFileSync(path.join(import.meta.dirname, "../README.md"), "utf8");
      for (const user of DEMO_USERS) {
        const line = readme.split("\n").find((l) => l.startsWith(`| \`${user.id}\``));
        expect(line, user.id).toBeDefined();
        for (const [role, region] of user.roles) expect(line, user.id).toContain(`${role}@${region}`);
      }
    } finally {
      await server.stop();
    }
  });
});
