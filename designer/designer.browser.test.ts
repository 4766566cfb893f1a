// Browser test of the designer, driven like IT staff would drive it: build an approval flow from the
// palette with the mouse, fix lint problems in the properties panel, bind a form, deploy, see versions,
// compare two versions.
//
// !!! TEMPORARY SERVER FAKE !!!
// The real Jintu server (server/index.ts → startServer({ port: 0, databaseUrl })) is being written at the
// same time. Until it exists, this file serves the BUILT designer (designer/dist) from a tiny static file
// server and answers ONLY the server calls the designer makes with an in-test fake (`fakeJintuApi` below),
// which records what it received so the test can check the exact multipart deployment body.
// The lead will switch this test to the real server: replace startFakeServer() by startServer() and log
// in with demo/demo through POST /api/auth/login (which the fake already imitates).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdir, readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import BpmnModdle from "bpmn-moddle";
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json";

const designerDir = fileURLToPath(new URL(".", import.meta.url));
const distDir = join(designerDir, "dist");
const artifacts = fileURLToPath(new URL("../test-artifacts/designer/", import.meta.url));

// ---------------------------------------------------------------------------------------------------
// In-test fake of the Jintu server API (see the comment at the top). Keeps state in memory.
// ---------------------------------------------------------------------------------------------------
interface RecordedDeployment { fields: Record<string, string>; files: Record<string, { fileName: string; text: string }> }

function createFakeState() {
  return {
    forms: new Map<string, { key: string; name: string; version: number; definition: unknown; updatedAt: string }>([
      ["land-review", { key: "land-review", name: "用地审查意见", version: 3, updatedAt: "2026-11-20T08:00:00Z",
        definition: { display: "form", components: [{ type: "textarea", key: "opinion", label: "审查意见", input: true }] } }],
    ]),
    formPuts: [] as Array<{ key: string; body: any }>,
    deployments: [] as Array<{ id: string; name: string; deploymentTime: string; deployedBy: string; note: string; processDefinitions: Array<{ id: string; key: string; version: number }>; xml: Record<string, string> }>,
    recordedDeployments: [] as RecordedDeployment[],
  };
}

type FakeState = ReturnType<typeof createFakeState>;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function fakeJintuApi(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const method = request.method ?? "GET";
  const loggedIn = /(?:^|;\s*)sid=demo-session/.test(request.headers.cookie ?? "");
  if (url.pathname === "/api/auth/login" && method === "POST") {
    const body = JSON.parse((await readBody(request)).toString("utf8"));
    if (body.username !== "demo" || body.password !== "demo") return sendJson(response, 401, { error: "bad credentials" }), true;
    response.setHeader("Set-Cookie", "sid=demo-session; Path=/; HttpOnly; SameSite=Lax");
    return sendJson(response, 200, { username: "demo" }), true;
  }
  if (!url.pathname.startsWith("/api/") && !url.pathname.startsWith("/engine-rest/")) return false;
  if (!loggedIn) return sendJson(response, 401, { type: "AuthenticationException", message: "not logged in" }), true;

  if (url.pathname === "/api/auth/me") return sendJson(response, 200, { username: "demo", displayName: "演示管理员" }), true;
  if (url.pathname === "/api/templates") {
    const bpmn = await readFile(join(designerDir, "testing", "template-sample.bpmn"), "utf8");
    return sendJson(response, 200, [{ key: "sample-approval", name: "示例审批", nameEn: "Sample approval", bpmn }]), true;
  }
  if (url.pathname === "/api/forms" && method === "GET") {
    return sendJson(response, 200, [...state.forms.values()].map(({ key, name, version, updatedAt }) => ({ key, name, version, updatedAt }))), true;
  }
  const formMatch = /^\/api\/forms\/([^/]+)$/.exec(url.pathname);
  if (formMatch) {
    const key = decodeURIComponent(formMatch[1]);
    if (method === "GET") {
      const form = state.forms.get(key);
      return form ? sendJson(response, 200, { key, name: form.name, version: form.version, definition: form.definition }) : sendJson(response, 404, { error: `form ${key} not found` }), true;
    }
    if (method === "PUT") {
      const body = JSON.parse((await readBody(request)).toString("utf8"));
      state.formPuts.push({ key, body });
      const version = (state.forms.get(key)?.version ?? 0) + 1;
      state.forms.set(key, { key, name: body.name, version, definition: body.definition, updatedAt: new Date().toISOString() });
      return sendJson(response, 200, { key, version }), true;
    }
  }
  if (url.pathname === "/engine-rest/deployment/create" && method === "POST") {
    // Parse the multipart body with the standard Fetch API parser (undici), as a server would.
    const body = await readBody(request);
    const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": request.headers["content-type"] ?? "" }, body: new Uint8Array(body) }).formData();
    const recorded: RecordedDeployment = { fields: {}, files: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") recorded.fields[name] = value;
      else recorded.files[name] = { fileName: value.name, text: await value.text() };
    }
    state.recordedDeployments.push(recorded);
    const bpmnPart = Object.entries(recorded.files).find(([name]) => name.endsWith(".bpmn"));
    if (!bpmnPart) return sendJson(response, 400, { type: "InvalidRequestException", message: "no BPMN resource" }), true;
    if (recorded.fields["deployment-name"] === "reject-me") {
      return sendJson(response, 400, { type: "ParseException", message: "ENGINE-09005 Could not parse BPMN process (fake rejects reject-me)" }), true;
    }
    const { rootElement } = await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(bpmnPart[1].text);
    const process = rootElement.rootElements.find((element: any) => element.$type === "bpmn:Process");
    const previous = state.deployments.filter((deployment) => deployment.processDefinitions.some((definition) => definition.key === process.id));
    const version = previous.length + 1;
    const id = `dep-${state.deployments.length + 1}`;
    const definition = { id: `${process.id}:${version}:${id}`, key: process.id, version };
    state.deployments.push({
      id, name: recorded.fields["deployment-name"], deploymentTime: new Date().toISOString(), deployedBy: "demo",
      note: recorded.fields["jintu-version-note"], processDefinitions: [definition], xml: { [definition.id]: bpmnPart[1].text },
    });
    return sendJson(response, 200, { id, name: recorded.fields["deployment-name"], deploymentTime: new Date().toISOString(), deployedProcessDefinitions: { [definition.id]: definition } }), true;
  }
  if (url.pathname === "/engine-rest/process-definition" && method === "GET") {
    const key = url.searchParams.get("key");
    const rows = state.deployments.flatMap((deployment) => deployment.processDefinitions.filter((definition) => definition.key === key).map((definition) => ({ ...definition, deploymentId: deployment.id, name: null })));
    rows.sort((a, b) => b.version - a.version);
    return sendJson(response, 200, rows), true;
  }
  const xmlMatch = /^\/engine-rest\/process-definition\/([^/]+)\/xml$/.exec(url.pathname);
  if (xmlMatch) {
    const id = decodeURIComponent(xmlMatch[1]);
    const deployment = state.deployments.find((candidate) => candidate.xml[id]);
    return deployment ? sendJson(response, 200, { id, bpmn20Xml: deployment.xml[id] }) : sendJson(response, 404, { type: "NotFoundException", message: `no process definition ${id}` }), true;
  }
  if (url.pathname === "/api/deployments" && method === "GET") {
    const key = url.searchParams.get("processDefinitionKey");
    return sendJson(response, 200, state.deployments
      .filter((deployment) => deployment.processDefinitions.some((definition) => definition.key === key))
      .map(({ xml: _xml, ...deployment }) => deployment)), true;
  }
  return sendJson(response, 404, { type: "NotFoundException", message: `fake has no ${method} ${url.pathname}` }), true;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
  ".woff": "font/woff", ".woff2": "font/woff2", ".eot": "application/vnd.ms-fontobject", ".ttf": "font/ttf", ".png": "image/png",
};

async function startFakeServer(state: FakeState): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    void (async () => {
      if (await fakeJintuApi(state, request, response, url)) return;
      if (url.pathname === "/login") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        return void response.end('<!doctype html><link rel="icon" href="data:,"><title>login</title><h1>login page</h1>');
      }
      if (url.pathname === "/designer") return void (response.writeHead(302, { Location: "/designer/" }), response.end());
      if (url.pathname.startsWith("/designer/")) {
        const relative = normalize(decodeURIComponent(url.pathname.slice("/designer/".length)) || "index.html");
        if (relative.startsWith("..")) return void (response.writeHead(400), response.end());
        try {
          const data = await readFile(join(distDir, relative));
          response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(relative)] ?? "application/octet-stream" });
          return void response.end(data);
        } catch {
          return void (response.writeHead(404), response.end("not found"));
        }
      }
      response.writeHead(404);
      response.end("not found");
    })().catch((error) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// ---------------------------------------------------------------------------------------------------
// Browser harness: Debian chromium; any non-local request is aborted and fails the test, and so does
// any console error.
// ---------------------------------------------------------------------------------------------------
let browser: Browser;
let server: { url: string; close(): Promise<void> };
let state: FakeState;

beforeAll(async () => {
  await build({ configFile: join(designerDir, "vite.config.ts"), logLevel: "warn" });
  await mkdir(artifacts, { recursive: true });
  state = createFakeState();
  server = await startFakeServer(state);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newGuardedPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
  const problems: string[] = [];
  await context.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(server.url) || target.startsWith("data:") || target.startsWith("blob:")) return route.continue();
    problems.push(`non-local request: ${target}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console error: ${message.text()}`); });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

async function login(context: BrowserContext): Promise<void> {
  const response = await context.request.post(`${server.url}/api/auth/login`, { data: { username: "demo", password: "demo" } });
  expect(response.status()).toBe(200);
}

async function center(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no bounding box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Palette entry → click on the canvas at (x, y) relative to the canvas. */
async function createFromPalette(page: Page, action: string, x: number, y: number): Promise<void> {
  await page.click(`.djs-palette [data-action="${action}"]`);
  const canvas = await page.locator("[data-testid=canvas]").boundingBox();
  await page.mouse.move(canvas!.x + x - 20, canvas!.y + y - 20);
  await page.mouse.move(canvas!.x + x, canvas!.y + y, { steps: 5 });
  await page.mouse.click(canvas!.x + x, canvas!.y + y);
  // bpmn-js opens label editing on new events; a click on empty canvas ends it.
  await page.mouse.click(canvas!.x + 30, canvas!.y + canvas!.height - 30);
}

/** Context pad "connect" from one shape to another, with the mouse. */
async function connect(page: Page, sourceId: string, targetId: string): Promise<void> {
  const source = await center(page, `.djs-element[data-element-id="${sourceId}"] .djs-visual`);
  // Deselect first: the context pad of the flow drawn last may cover the next source shape.
  await page.mouse.click(source.x, source.y - 150);
  await page.mouse.move(source.x, source.y, { steps: 5 });
  await page.mouse.click(source.x, source.y);
  await page.waitForSelector(`.djs-element.selected[data-element-id="${sourceId}"]`);
  await page.click('.djs-context-pad [data-action="connect"]');
  const target = await center(page, `.djs-element[data-element-id="${targetId}"]`);
  // End off-centre, so that the next connect's click on this shape's centre is no double click.
  await page.mouse.move(target.x - 20, target.y + 8, { steps: 5 });
  await page.mouse.move(target.x - 8, target.y + 8, { steps: 3 });
  await page.mouse.click(target.x - 8, target.y + 8);
  // diagram-js swallows clicks for 400 ms after a drag (its "ghost click" trap); a person never notices.
  await page.waitForTimeout(450);
}

async function elementIdsOfType(page: Page, type: string): Promise<string[]> {
  return page.evaluate((bpmnType) => {
    const registry = (window as any).__jintuDesigner.modeler.get("elementRegistry");
    return registry.filter((element: any) => element.type === bpmnType).map((element: any) => element.id);
  }, type);
}

async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`[data-group-id="group-${groupId}"]`);
  if (!(await group.locator(".bio-properties-panel-group-entries.open").count())) {
    await group.locator(".bio-properties-panel-group-header").click();
  }
}

async function parse(xml: string): Promise<any> {
  return (await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(xml)).rootElement;
}

describe("designer in the browser", () => {
  it("sends a visitor without session to /login?next=/designer/", async () => {
    const { context, page, problems } = await newGuardedPage();
    await page.goto(`${server.url}/designer/`);
    await page.waitForURL(`${server.url}/login?next=/designer/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("login page");
    // The 401 of /api/auth/me itself is logged by Chrome as a failed resource; anything else is a bug.
    expect(problems.filter((problem) => !problem.includes("401"))).toEqual([]);
    await context.close();
  });

  it("models an approval flow from the palette, lints it, binds a form, deploys two versions and diffs them", async () => {
    const { context, page, problems } = await newGuardedPage();
    await login(context);
    await page.goto(`${server.url}/designer/`);
    await page.waitForSelector(".djs-palette [data-action='create.user-task']");
    await expect(page.locator("[data-testid=btn-deploy]").textContent()).resolves.toBe("部署");
    await expect(page.locator(".djs-palette [data-action='create.user-task']").getAttribute("aria-label")).resolves.toBe("创建审批任务（用户任务）");
    await expect(page.locator("[data-testid=current-user]").textContent()).resolves.toBe("演示管理员");

    // Build start → user task → exclusive gateway → end with the mouse.
    const [startId] = await elementIdsOfType(page, "bpmn:StartEvent");
    const startBox = await page.locator(`.djs-element[data-element-id="${startId}"]`).boundingBox();
    const canvasBox = (await page.locator("[data-testid=canvas]").boundingBox())!;
    const y = startBox!.y - canvasBox.y + startBox!.height / 2;
    const x0 = startBox!.x - canvasBox.x + startBox!.width / 2;
    await createFromPalette(page, "create.user-task", x0 + 180, y);
    await createFromPalette(page, "create.exclusive-gateway", x0 + 360, y);
    await createFromPalette(page, "create.end-event", x0 + 500, y);
    const [taskId] = await elementIdsOfType(page, "bpmn:UserTask");
    const [gatewayId] = await elementIdsOfType(page, "bpmn:ExclusiveGateway");
    const [endId] = await elementIdsOfType(page, "bpmn:EndEvent");
    expect([taskId, gatewayId, endId].every(Boolean)).toBe(true);
    await connect(page, startId, taskId);
    await connect(page, taskId, gatewayId);
    await connect(page, gatewayId, endId);
    expect(await elementIdsOfType(page, "bpmn:SequenceFlow")).toHaveLength(3);

    // The user task has nobody to do it: an error in the problems panel; clicking it selects the task.
    const assignmentProblem = page.locator(`.problem-row[data-rule="jintu/user-task-assignment"][data-element-id="${taskId}"]`);
    await assignmentProblem.waitFor();
    await expect(assignmentProblem.textContent()).resolves.toContain("用户任务没有办理人、候选人或候选组");
    await expect(page.locator("[data-testid=lint-errors]").textContent()).resolves.toBe("1 个错误");
    await page.click("[data-testid=canvas]", { position: { x: 40, y: 40 } }); // deselect
    await assignmentProblem.click();
    await page.waitForSelector(`.djs-element.selected[data-element-id="${taskId}"]`);
    await page.screenshot({ path: join(artifacts, "01-flow-with-problem.png") });

    // Name it, give it a candidate group and bind the form through the picker.
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "用地审查");
    await page.waitForSelector(`.djs-element[data-element-id="${taskId}"] text:has-text("用地审查")`);
    await openGroup(page, "CamundaPlatform__UserAssignment");
    await page.fill("#bio-properties-panel-candidateGroups", "land-reviewer@330106");
    await assignmentProblem.waitFor({ state: "detached" });
    await openGroup(page, "Jintu__Form");
    await expect(page.locator("#bio-properties-panel-jintuFormKey option[value='land-review']").textContent()).resolves.toBe("用地审查意见（land-review v3）");
    await page.selectOption("#bio-properties-panel-jintuFormKey", "land-review");
    await page.selectOption("#bio-properties-panel-jintuApprovalMode", "any");
    await expect(page.locator("[data-testid=lint-errors]").textContent()).resolves.toBe("0 个错误");
    await page.screenshot({ path: join(artifacts, "02-task-configured.png") });

    // Deploy: the note is required, then the multipart body goes to /engine-rest/deployment/create.
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-forms] [data-form-key='land-review']");
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-note-required]");
    await page.fill("[data-testid=deploy-note]", "首个版本：县级审查");
    await page.fill("[data-testid=deploy-tenant]", "330106");
    await page.screenshot({ path: join(artifacts, "03-deploy-dialog.png") });
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-success]");

    expect(state.recordedDeployments).toHaveLength(1);
    const sent = state.recordedDeployments[0];
    const processKey = (await parse(sent.files[Object.keys(sent.files).find((name) => name.endsWith(".bpmn"))!].text)).rootElements[0].id;
    expect(sent.fields).toEqual({
      "deployment-name": processKey,
      "deployment-source": "jintu-designer",
      "enable-duplicate-filtering": "true",
      "deploy-changed-only": "true",
      "tenant-id": "330106",
      "jintu-version-note": "首个版本：县级审查",
    });
    expect(Object.keys(sent.files).sort()).toEqual([`${processKey}.bpmn`, "land-review.form.json"].sort());
    expect(sent.files[`${processKey}.bpmn`].fileName).toBe(`${processKey}.bpmn`);
    const frozenForm = JSON.parse(sent.files["land-review.form.json"].text);
    expect(frozenForm).toEqual(state.forms.get("land-review")!.definition);
    expect(frozenForm.components[0].key).toBe("opinion");

    const definitions = await parse(sent.files[`${processKey}.bpmn`].text);
    const process = definitions.rootElements.find((element: any) => element.$type === "bpmn:Process");
    const byId = new Map<string, any>(process.flowElements.map((element: any) => [element.id, element]));
    const task = byId.get(taskId);
    expect(task.$type).toBe("bpmn:UserTask");
    expect(task.name).toBe("用地审查");
    expect(task.get("camunda:candidateGroups")).toBe("land-reviewer@330106");
    expect(task.get("camunda:formKey")).toBe("jintu-form:land-review");
    expect(task.loopCharacteristics.$type).toBe("bpmn:MultiInstanceLoopCharacteristics");
    expect(task.loopCharacteristics.completionCondition.body).toBe("${nrOfCompletedInstances >= 1}");
    const flows = process.flowElements.filter((element: any) => element.$type === "bpmn:SequenceFlow")
      .map((flow: any) => `${flow.sourceRef.$type}->${flow.targetRef.$type}`).sort();
    expect(flows).toEqual(["bpmn:ExclusiveGateway->bpmn:EndEvent", "bpmn:StartEvent->bpmn:UserTask", "bpmn:UserTask->bpmn:ExclusiveGateway"]);

    // The versions view opens from the dialog.
    await page.click("[data-testid=deploy-show-versions]");
    await page.waitForSelector("[data-testid=version-row-1]");
    await expect(page.locator("[data-testid=version-row-1] .version-note").textContent()).resolves.toBe("首个版本：县级审查");
    await page.click("[data-testid=versions-close]");
    await page.waitForSelector("[data-testid=versions-dialog]", { state: "detached" });

    // Second version: rename the task, deploy again, compare v1 and v2.
    const taskCenter = await center(page, `.djs-element[data-element-id="${taskId}"] .djs-visual`);
    await page.mouse.click(taskCenter.x, taskCenter.y - 150); // deselect: clicking a selected shape toggles it off
    await page.mouse.click(taskCenter.x, taskCenter.y);
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "用地复核");
    await page.waitForSelector(`.djs-element[data-element-id="${taskId}"] text:has-text("用地复核")`);
    await page.click("[data-testid=btn-deploy]");
    await page.fill("[data-testid=deploy-note]", "改为复核");
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-success]");
    expect(state.recordedDeployments).toHaveLength(2);
    expect(state.recordedDeployments[1].fields["tenant-id"]).toBeUndefined();
    await page.click("[data-testid=deploy-show-versions]");
    await page.waitForSelector("[data-testid=version-row-2]");
    await page.check("[data-testid=version-select-1]");
    await page.check("[data-testid=version-select-2]");
    await page.click("[data-testid=versions-compare]");
    const changed = page.locator(`[data-testid=diff-list] li[data-element-id="${taskId}"]`);
    await changed.waitFor();
    await expect(changed.textContent()).resolves.toContain('"用地审查" → "用地复核"');
    await page.waitForSelector(`[data-testid=diff-new] .djs-element.diff-changed[data-element-id="${taskId}"]`);
    await page.waitForSelector(`[data-testid=diff-old] .djs-element.diff-changed[data-element-id="${taskId}"]`);
    await page.screenshot({ path: join(artifacts, "04-versions-diff.png") });
    await page.click("[data-testid=versions-close]");

    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the server's Camunda error in the deploy dialog and blocks deploys with lint errors", async () => {
    const { context, page, problems } = await newGuardedPage();
    await login(context);
    await page.goto(`${server.url}/designer/`);
    await page.waitForSelector(".djs-palette");
    // The blank diagram has only a start event: "no end event" is an error, so deploying is blocked.
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-lint-errors]");
    expect(await page.locator("[data-testid=deploy-submit]").isDisabled()).toBe(true);
    await page.click("[data-testid=deploy-cancel]");
    // A template from the "new" dialog is clean; the fake rejects deployments named "reject-me".
    await page.click("[data-testid=btn-new]");
    await page.click("[data-testid=template-sample-approval]");
    await page.waitForSelector("[data-testid=new-dialog]", { state: "detached" });
    await page.waitForSelector('.djs-element[data-element-id="Review"]');
    await expect(page.locator("[data-testid=process-label]").textContent()).resolves.toBe("示例审批（sample-approval）");
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-forms] li");
    expect(await page.locator("[data-testid=deploy-submit]").isDisabled()).toBe(false);
    await page.fill("[data-testid=deploy-name]", "reject-me");
    await page.fill("[data-testid=deploy-note]", "should fail");
    await page.click("[data-testid=deploy-submit]");
    await expect(page.locator("[data-testid=deploy-error]").textContent()).resolves.toBe("ParseException: ENGINE-09005 Could not parse BPMN process (fake rejects reject-me)");
    await page.screenshot({ path: join(artifacts, "05-deploy-error.png") });
    expect(problems.filter((problem) => !problem.includes("status of 400"))).toEqual([]);
    await context.close();
  });

  it("designs a form, saves it as a new version and previews it; switches to English", async () => {
    const { context, page, problems } = await newGuardedPage();
    await login(context);
    await page.goto(`${server.url}/designer/`);
    await page.waitForSelector(".djs-palette");
    await page.click("[data-testid=btn-forms]");
    await page.waitForSelector("[data-testid=form-builder] [data-type='textfield']", { timeout: 30_000 });
    // Jintu's GIS components from forms/components are offered in their own sidebar group.
    for (const type of ["parcelMap", "pointPicker", "regionSelect"]) {
      expect(await page.locator(`[data-testid=form-builder] [id*='jintu'] [data-type='${type}']`).count(), type).toBe(1);
    }
    // Drag a text field from the builder sidebar into the form; Form.io opens its edit dialog (with ace).
    const source = await center(page, "[data-testid=form-builder] [data-type='textfield']");
    const target = await center(page, "[data-testid=form-builder] .drag-container.formio-builder-form, [data-testid=form-builder] .formio-builder-form .drag-container");
    await page.mouse.move(source.x, source.y);
    await page.mouse.down();
    await page.mouse.move(source.x + 40, source.y + 10, { steps: 5 });
    await page.mouse.move(target.x, target.y, { steps: 10 });
    await page.mouse.up();
    await page.waitForSelector(".component-edit-container, .formio-dialog", { timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, "06-form-component-edit.png") });
    await page.click(".formio-dialog [ref='saveButton'], .component-edit-container [ref='saveButton']");
    await page.fill("[data-testid=form-key]", "site-survey");
    await page.fill("[data-testid=form-name]", "现场踏勘记录");
    await page.fill("[data-testid=form-note]", "初稿");
    await page.click("[data-testid=form-save]");
    await page.waitForSelector("[data-testid=form-saved]");
    expect(state.formPuts.at(-1)).toMatchObject({ key: "site-survey", body: { name: "现场踏勘记录", note: "初稿", definition: { components: expect.arrayContaining([expect.objectContaining({ type: "textfield" })]) } } });
    await page.waitForSelector("[data-testid=forms-list] [data-form-key='site-survey']");
    await page.click("[data-testid=tab-preview]");
    await page.waitForSelector("[data-testid=form-preview] input[type=text]");
    await expect(page.locator("[data-testid=tab-preview]").getAttribute("class")).resolves.toContain("active");
    expect(await page.locator("[data-testid=form-builder]").isHidden()).toBe(true);
    await page.screenshot({ path: join(artifacts, "07-form-preview.png") });
    await page.click("[data-testid=forms-close]");

    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.querySelector("[data-testid=btn-deploy]")?.textContent === "Deploy");
    await expect(page.locator(".djs-palette [data-action='create.user-task']").getAttribute("aria-label")).resolves.toBe("Create user task");
    await page.screenshot({ path: join(artifacts, "08-english.png") });
    expect(problems).toEqual([]);
    await context.close();
  });
});
