import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => server?.stop());

describe("OpenAPI document and docs page", () => {
  it("is valid OpenAPI 3 JSON listing every /api route with its schemas", async () => {
    const res = await server.client().get("/api/openapi.json"); // public: describes, grants nothing
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.info.title).toBe("Jintu API");
    const expected: [string, string][] = [
      ["/api/auth/login", "post"], ["/api/auth/logout", "post"], ["/api/auth/me", "get"],
      ["/api/users", "get"], ["/api/users", "post"], ["/api/users/{id}", "patch"], ["/api/roles", "get"], ["/api/groups", "get"],
      ["/api/role-assignments", "post"], ["/api/role-assignments", "delete"], ["/api/regions", "get"], ["/api/regions/{code}", "get"],
      ["/api/forms", "get"], ["/api/forms/{key}", "get"], ["/api/forms/{key}", "put"], ["/api/forms/{key}/versions", "get"],
      ["/api/deployments", "get"], ["/api/deployments", "post"], ["/api/templates", "get"], ["/api/inbox", "get"],
      ["/api/cases/{processInstanceId}", "get"], ["/api/cases/{processInstanceId}/opinions", "post"], ["/api/audit", "get"],
      ["/api/holidays", "get"], ["/api/holidays/{year}", "get"], ["/api/holidays/{year}", "put"],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    // the zod schemas made it into the document
    const put = doc.paths["/api/forms/{key}"].put;
    const body = put.requestBody.content["application/json"].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split("/").pop()] : body;
    expect(schema.required).toEqual(expect.arrayContaining(["name", "definition"]));
    expect(put.parameters.some((p: { name: string; in: string }) => p.name === "key" && p.in === "path")).toBe(true);
    const inbox = doc.paths["/api/inbox"].get.parameters.map((p: { name: string }) => p.name);
    expect(inbox).toEqual(expect.arrayContaining(["flow", "overdue", "dueSoon", "businessKey", "text", "sortBy", "firstResult", "maxResults"]));
    expect(doc.components.schemas.Error.required).toEqual(["type", "message"]);
    // every $ref resolves
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[JSON.parse(ref).split("/").pop()], ref).toBeDefined();
  });

  it("serves Swagger UI from the local package (no CDN)", async () => {
    const page = await server.client().get("/api/docs/");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await server.client().get("/api/docs/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(Number(bundle.headers.get("content-length"))).toBeGreaterThan(100_000);
    expect((await server.client().get("/api/docs")).status).toBe(301);
  });

  it("answers unknown /api and /engine-rest paths with JSON 404", async () => {
    const client = await server.login("demo");
    const res = await client.get("/api/no/such/thing");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ type: "NotFoundException", message: "No resource at GET /api/no/such/thing" });
    const anonymous = await server.client().get("/api/no/such/thing");
    expect(anonymous.status).toBe(404);
    const rest = await client.get("/engine-rest/no/such/thing");
    expect(rest.status).toBe(404);
    expect(await rest.json()).toMatchObject({ type: "NotFoundException" });
  });
});
