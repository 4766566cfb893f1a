import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jintu-dist-"));
  for (const ui of ["designer", "portal"]) {
    mkdirSync(path.join(dir, ui, "assets"), { recursive: true });
    writeFileSync(path.join(dir, ui, "index.html"), `<!doctype html><title>${ui}</title>`);
    writeFileSync(path.join(dir, ui, "assets", "app.js"), `console.log("${ui}")`);
  }
  server = await startTestServer({ config: { designerDist: path.join(dir, "designer"), portalDist: path.join(dir, "portal") } });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const html = { accept: "text/html" };

describe("built UIs", () => {
  it("serves the designer at /designer/ with an SPA fallback", async () => {
    const client = server.client();
    expect(await (await client.get("/designer/", { headers: html })).text()).toContain("<title>designer");
    expect(await (await client.get("/designer/flows/landReview", { headers: html })).text()).toContain("<title>designer");
    expect(await (await client.get("/designer/assets/app.js")).text()).toContain('console.log("designer")');
    expect((await client.get("/designer/assets/missing.js")).status).toBe(404);
    expect((await client.get("/designer")).status).toBe(301);
  });

  it("serves the portal at / with an SPA fallback that never swallows /api or /engine-rest", async () => {
    const client = server.client();
    expect(await (await client.get("/", { headers: html })).text()).toContain("<title>portal");
    expect(await (await client.get("/cases/123", { headers: html })).text()).toContain("<title>portal");
    const api = await client.get("/api/nothing-here", { headers: html });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/json/);
    const rest = await client.get("/engine-rest/nothing-here", { headers: html });
    expect(rest.status).toBe(401); // authentication comes first on /engine-rest
    expect((await client.get("/login")).headers.get("content-type")).toMatch(/html/);
  });
});
