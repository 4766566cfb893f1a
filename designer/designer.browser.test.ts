// Browser test of the designer against the REAL Jintu server (server/index.ts startServer) over a fresh
// database (SQLite, or PostgreSQL when JINTU_TEST_DATABASE_URL is set), driven like IT staff would drive
// it: log in through /login, build an approval flow from the palette with the mouse, fix lint problems in
// the properties panel, design a form with a parcel map in the Form.io builder, bind it, deploy two
// versions with notes, see who deployed them, compare them. Then, through the API, a case is started and
// the clerk's task form — the Form.io definition frozen in the deployment — is rendered with its map.
// Fails on console errors and on any request that does not go to the local server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from "playwright-core";
import BpmnModdle from "bpmn-moddle";
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json";
import { startServer, type RunningServer } from "../server/index";
import { freshDatabaseUrl } from "../engine/testing/index";

const designerDir = fileURLToPath(new URL(".", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const artifacts = fileURLToPath(new URL("../test-artifacts/designer/", import.meta.url));

const IT_USER = { username: "xihu-it", password: "demo", displayName: "西湖分局信息员 蒋涛" };
const CLERK = { username: "xihu-clerk", password: "demo" };
const TENANT = "330106";
const FORM_KEY = "land-review";
const FORM_NAME = "用地审查意见";

let browser: Browser;
let server: RunningServer;
let scratch: string;
/** The clerks' portal built into a temp dir (not portal/dist, which its own helper rebuilds), or why not. */
let portal: { ok: true } | { ok: false; reason: string };
/** The forms demo (forms/demo) built into a temp dir: the renderer used for the frozen task form. */
let formsDemoDir: string;

/** What the big flow test leaves for the API part: the deployed key and the form definition saved. */
const deployed: { processKey?: string; savedForm?: any } = {};

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "jintu-designer-test-"));
  await build({ configFile: join(designerDir, "vite.config.ts"), logLevel: "warn" });
  formsDemoDir = join(scratch, "forms-demo");
  await build({ configFile: join(repositoryRoot, "forms", "vite.config.ts"), logLevel: "silent", build: { outDir: formsDemoDir, emptyOutDir: true } });
  const portalDist = join(scratch, "portal");
  try {
    await build({ configFile: join(repositoryRoot, "portal", "vite.config.ts"), logLevel: "silent", build: { outDir: portalDist, emptyOutDir: true } });
    portal = { ok: true };
  } catch (error) {
    portal = { ok: false, reason: String((error as Error).message).split("\n")[0]!.slice(0, 300) };
  }
  await mkdir(artifacts, { recursive: true });
  server = await startServer({
    // no business flows: the test asserts that templates whose forms are not in the form store are refused
    port: 0, databaseUrl: await freshDatabaseUrl(), quiet: true, deployFlows: false,
    config: { designerDist: join(designerDir, "dist"), portalDist },
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Pages of the running test: on failure each is saved as failed-<n>.png, to see what went wrong. */
let openPages: Page[] = [];
afterEach(async (context) => {
  if (context.task.result?.state === "fail") {
    for (const [index, page] of openPages.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: join(artifacts, `failed-${index}.png`) }).catch(() => undefined);
    }
    console.error(`[designer test] "${context.task.name}" failed; problems panel:`, await openPages.at(-1)?.locator(".problem-row").allTextContents().catch(() => []));
  }
  openPages = openPages.filter((page) => !page.isClosed());
});

async function newGuardedPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
  const problems: string[] = [];
  await context.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(`${server.url}/`) || target.startsWith("data:") || target.startsWith("blob:")) return route.continue();
    problems.push(`non-local request: ${target}`);
    return route.abort();
  });
  const page = await context.newPage();
  openPages.push(page);
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console error: ${message.text()}`); });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/** Through the server's own /login page, as a person would; it sends the browser on to `next`. */
async function loginThroughPage(page: Page, user: { username: string; password: string }, next: string): Promise<void> {
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.fill("input[name=username]", user.username);
  await page.fill("input[name=password]", user.password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${server.url}${next}`);
}

async function getJson(request: APIRequestContext, path: string): Promise<any> {
  const response = await request.get(`${server.url}${path}`);
  expect(response.status(), `GET ${path}: ${await response.text()}`).toBe(200);
  return response.json();
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

/** Clicks a shape (after a click on empty canvas: clicking a selected shape toggles it off). */
async function selectShape(page: Page, id: string): Promise<void> {
  const shape = await center(page, `.djs-element[data-element-id="${id}"] .djs-visual`);
  await page.mouse.click(shape.x, shape.y - 150);
  await page.mouse.click(shape.x, shape.y);
  await page.waitForSelector(`.djs-element.selected[data-element-id="${id}"]`);
}

/** Clicks the middle of a sequence flow's first segment, in screen coordinates. */
async function selectFlow(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((flowId) => {
    const modeler = (window as any).__jintuDesigner.modeler;
    const [a, b] = modeler.get("elementRegistry").get(flowId).waypoints;
    const viewbox = modeler.get("canvas").viewbox();
    return { x: ((a.x + b.x) / 2 - viewbox.x) * viewbox.scale, y: ((a.y + b.y) / 2 - viewbox.y) * viewbox.scale };
  }, id);
  const canvas = (await page.locator("[data-testid=canvas]").boundingBox())!;
  await page.mouse.click(canvas.x + 30, canvas.y + canvas.height - 30);
  await page.mouse.click(canvas.x + point.x, canvas.y + point.y);
  // A connection's <g> has no box of its own, so Playwright never calls it visible.
  await page.waitForSelector(`.djs-element.selected[data-element-id="${id}"]`, { state: "attached" });
}

async function elementIdsOfType(page: Page, type: string): Promise<string[]> {
  return page.evaluate((bpmnType) => {
    const registry = (window as any).__jintuDesigner.modeler.get("elementRegistry");
    return registry.filter((element: any) => element.type === bpmnType).map((element: any) => element.id);
  }, type);
}

async function flowBetween(page: Page, sourceId: string, targetId: string): Promise<string> {
  const id = await page.evaluate(([source, target]) => {
    const registry = (window as any).__jintuDesigner.modeler.get("elementRegistry");
    return registry.filter((element: any) => element.type === "bpmn:SequenceFlow" && element.source.id === source && element.target.id === target)[0]?.id;
  }, [sourceId, targetId]);
  if (!id) throw new Error(`no flow ${sourceId} → ${targetId}`);
  return id;
}

async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`[data-group-id="group-${groupId}"]`);
  if (!(await group.locator(".bio-properties-panel-group-entries.open").count())) {
    await group.locator(".bio-properties-panel-group-header").click();
  }
}

/**
 * Drags a component from the Form.io builder sidebar into the form, as a person would: groups below the
 * fold are reached through the sidebar's search box (scrolling would move the form out of view).
 */
async function dragIntoForm(page: Page, type: string, search?: string): Promise<void> {
  if (search) await page.fill("[data-testid=form-builder] [ref='sidebar-search']", search);
  const sourceSelector = `[data-testid=form-builder] [data-type='${type}']:visible`;
  await page.locator(sourceSelector).first().waitFor();
  const source = await center(page, sourceSelector);
  // Drop on the form's last component (Form.io's submit button): the new one goes in before it.
  const target = await center(page, "[data-testid=form-builder] .drag-container.formio-builder-form > .builder-component:last-child");
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move(source.x + 40, source.y + 10, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 10 });
  await page.mouse.up();
  await page.waitForSelector(".component-edit-container, .formio-dialog", { timeout: 10_000 });
}

async function saveComponentDialog(page: Page): Promise<void> {
  await page.click(".formio-dialog [ref='saveButton'], .component-edit-container [ref='saveButton']");
  await page.waitForSelector(".formio-dialog", { state: "detached" });
}

async function parse(xml: string): Promise<any> {
  return (await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(xml)).rootElement;
}

async function expectLintErrors(page: Page, count: number): Promise<void> {
  await page.waitForFunction((text) => document.querySelector("[data-testid=lint-errors]")?.textContent === text, `${count} 个错误`);
}

describe("designer in the browser, on the real server", () => {
  it("sends a visitor without session to the real /login?next=/designer/", async () => {
    const { context, page, problems } = await newGuardedPage();
    await page.goto(`${server.url}/designer/`);
    await page.waitForURL(`${server.url}/login?next=/designer/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("金土工程电子政务平台");
    await expect(page.locator("input[name=next]").inputValue()).resolves.toBe("/designer/");
    // The 401 of /api/auth/me itself is logged by Chrome as a failed resource; anything else is a bug.
    expect(problems.filter((problem) => !problem.includes("401"))).toEqual([]);
    await context.close();
  });

  it("models an approval flow from the palette, designs and binds a parcel-map form, deploys two versions and diffs them", async () => {
    const { context, page, problems } = await newGuardedPage();
    await loginThroughPage(page, IT_USER, "/designer/");
    await page.waitForSelector(".djs-palette [data-action='create.user-task']");
    await expect(page.locator("[data-testid=btn-deploy]").textContent()).resolves.toBe("部署");
    await expect(page.locator(".djs-palette [data-action='create.user-task']").getAttribute("aria-label")).resolves.toBe("创建审批任务（用户任务）");
    await expect(page.locator("[data-testid=current-user]").textContent()).resolves.toBe(IT_USER.displayName);

    // Build start → user task → exclusive gateway → end (approved) / end (returned) with the mouse.
    const [startId] = await elementIdsOfType(page, "bpmn:StartEvent");
    const startBox = await page.locator(`.djs-element[data-element-id="${startId}"]`).boundingBox();
    const canvasBox = (await page.locator("[data-testid=canvas]").boundingBox())!;
    const y = startBox!.y - canvasBox.y + startBox!.height / 2;
    const x0 = startBox!.x - canvasBox.x + startBox!.width / 2;
    await createFromPalette(page, "create.user-task", x0 + 180, y);
    await createFromPalette(page, "create.exclusive-gateway", x0 + 360, y);
    await createFromPalette(page, "create.end-event", x0 + 520, y);
    const [endApprovedId] = await elementIdsOfType(page, "bpmn:EndEvent");
    await createFromPalette(page, "create.end-event", x0 + 520, y + 150);
    const [taskId] = await elementIdsOfType(page, "bpmn:UserTask");
    const [gatewayId] = await elementIdsOfType(page, "bpmn:ExclusiveGateway");
    const endReturnedId = (await elementIdsOfType(page, "bpmn:EndEvent")).find((id) => id !== endApprovedId)!;
    expect([taskId, gatewayId, endApprovedId, endReturnedId].every(Boolean)).toBe(true);
    await connect(page, startId, taskId);
    await connect(page, taskId, gatewayId);
    await connect(page, gatewayId, endApprovedId);
    await connect(page, gatewayId, endReturnedId);
    expect(await elementIdsOfType(page, "bpmn:SequenceFlow")).toHaveLength(4);
    const approvedFlowId = await flowBetween(page, gatewayId, endApprovedId);
    const returnedFlowId = await flowBetween(page, gatewayId, endReturnedId);

    // The user task has nobody to do it: an error in the problems panel; clicking it selects the task.
    const assignmentProblem = page.locator(`.problem-row[data-rule="jintu/user-task-assignment"][data-element-id="${taskId}"]`);
    await assignmentProblem.waitFor();
    await expect(assignmentProblem.textContent()).resolves.toContain("用户任务没有办理人、候选人或候选组");
    await expectLintErrors(page, 1);
    await page.click("[data-testid=canvas]", { position: { x: 40, y: 40 } }); // deselect
    await assignmentProblem.click();
    await page.waitForSelector(`.djs-element.selected[data-element-id="${taskId}"]`);
    await page.screenshot({ path: join(artifacts, "01-flow-with-problems.png") });

    // Name the task, give it a candidate group and a due date (5 working days).
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "用地审查");
    await page.waitForSelector(`.djs-element[data-element-id="${taskId}"] text:has-text("用地审查")`);
    await openGroup(page, "CamundaPlatform__UserAssignment");
    await page.fill("#bio-properties-panel-candidateGroups", "land-reviewer@330106");
    await assignmentProblem.waitFor({ state: "detached" });
    const dueDateProblem = page.locator(`.problem-row[data-rule="jintu/due-date-format"][data-element-id="${taskId}"]`);
    await page.fill("#bio-properties-panel-dueDate", "5 days");
    await dueDateProblem.waitFor();
    await page.fill("#bio-properties-panel-dueDate", "P5WD");
    await dueDateProblem.waitFor({ state: "detached" });
    await expectLintErrors(page, 0);

    // Condition on the "approved" flow: the other flow now needs a condition or to be the default (bpmnlint
    // conditional-flows, an error), and the gateway warns that it has no default flow.
    await selectFlow(page, approvedFlowId);
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "通过");
    await openGroup(page, "CamundaPlatform__Condition");
    await page.selectOption("#bio-properties-panel-conditionType", "expression");
    await page.fill("#bio-properties-panel-conditionExpression", "${approved}");
    const defaultWarning = page.locator(`.problem-row[data-rule="jintu/exclusive-gateway-default"][data-element-id="${gatewayId}"]`);
    await defaultWarning.waitFor();
    const flowProblem = page.locator(`.problem-row[data-rule="conditional-flows"][data-element-id="${returnedFlowId}"]`);
    await flowProblem.waitFor();
    await expectLintErrors(page, 1);
    // The other flow becomes the default flow through the replace menu of its context pad.
    await selectFlow(page, returnedFlowId);
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "退回");
    // The panel writes the name after a debounce; a change closes an open popup menu, so wait for it.
    await page.waitForSelector(`.djs-element[data-element-id="${returnedFlowId}_label"] text:has-text("退回")`, { state: "attached" });
    await page.click('.djs-context-pad [data-action="replace"]');
    await page.click('.djs-popup [data-id="replace-with-default-flow"]');
    await defaultWarning.waitFor({ state: "detached" });
    await flowProblem.waitFor({ state: "detached" });
    await expectLintErrors(page, 0);
    await page.screenshot({ path: join(artifacts, "02-conditions-default-flow.png") });

    // Design the task's form in the Form.io builder: a parcel map from the "金土 GIS" group and an opinion.
    await page.click("[data-testid=btn-forms]");
    await page.waitForSelector("[data-testid=form-builder] [data-type='textarea']", { timeout: 30_000 });
    expect(await page.locator("[data-testid=form-builder] [data-type='parcelMap']").count()).toBe(1); // only in "金土 GIS"
    await dragIntoForm(page, "parcelMap", "Parcel");
    await page.waitForSelector(".formio-dialog .leaflet-container"); // the edit dialog's preview shows the map
    // GIS tab: the permanent basic farmland layer served by the real server. The overlay grid starts
    // empty (a map may have no layer), so a row is added first.
    await page.click(".formio-dialog .nav-link:has-text('GIS')");
    await page.click(".formio-dialog .formio-component-overlayLayers .formio-button-add-row");
    await page.fill(".formio-dialog input[name='data[overlayLayers][0][name]']", "basic-farmland");
    await page.fill(".formio-dialog input[name='data[overlayLayers][0][label]']", "永久基本农田");
    await page.fill(".formio-dialog input[name='data[overlayLayers][0][url]']", "/api/gis/layers/basic-farmland.geojson");
    await page.screenshot({ path: join(artifacts, "03-parcel-map-edit.png") });
    await saveComponentDialog(page);
    await page.waitForSelector("[data-testid=form-builder] .formio-builder-form .leaflet-container");
    await dragIntoForm(page, "textarea", "Text Area");
    await page.fill(".formio-dialog input[name='data[label]']", "审查意见");
    await saveComponentDialog(page);
    await page.fill("[data-testid=form-key]", FORM_KEY);
    await page.fill("[data-testid=form-name]", FORM_NAME);
    await page.fill("[data-testid=form-note]", "初稿：地块图 + 审查意见");
    await page.click("[data-testid=form-save]");
    await page.waitForSelector("[data-testid=form-saved]");
    await page.waitForSelector(`[data-testid=forms-list] [data-form-key='${FORM_KEY}']`);
    await page.screenshot({ path: join(artifacts, "04-form-builder-saved.png") });
    await page.click("[data-testid=forms-close]");
    // What the server now holds is what the builder made.
    const savedForm = await getJson(context.request, `/api/forms/${FORM_KEY}`);
    expect(savedForm).toMatchObject({ key: FORM_KEY, name: FORM_NAME, version: 1 });
    const savedTypes = savedForm.definition.components.map((component: any) => component.type);
    expect(savedTypes).toEqual(expect.arrayContaining(["parcelMap", "textarea"]));
    expect(savedForm.definition.components.find((component: any) => component.type === "parcelMap").overlayLayers)
      .toEqual([expect.objectContaining({ name: "basic-farmland", url: "/api/gis/layers/basic-farmland.geojson" })]);
    deployed.savedForm = savedForm.definition;

    // Bind it with the picker.
    await selectShape(page, taskId);
    await openGroup(page, "Jintu__Form");
    await expect(page.locator(`#bio-properties-panel-jintuFormKey option[value='${FORM_KEY}']`).textContent()).resolves.toBe(`${FORM_NAME}（${FORM_KEY} v1）`);
    await page.selectOption("#bio-properties-panel-jintuFormKey", FORM_KEY);
    await expectLintErrors(page, 0);
    await page.screenshot({ path: join(artifacts, "05-task-configured.png") });

    // Deploy: the note is required; the real server answers /engine-rest/deployment/create.
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector(`[data-testid=deploy-forms] [data-form-key='${FORM_KEY}']`);
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-note-required]");
    await page.fill("[data-testid=deploy-note]", "首个版本：县级审查");
    await page.fill("[data-testid=deploy-tenant]", TENANT);
    await page.screenshot({ path: join(artifacts, "06-deploy-dialog.png") });
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-success]");

    const processKey: string = await page.evaluate(() => {
      const registry = (window as any).__jintuDesigner.modeler.get("elementRegistry");
      return registry.filter((element: any) => element.type === "bpmn:Process")[0].businessObject.id;
    });
    deployed.processKey = processKey;
    const [firstDeployment] = await getJson(context.request, `/api/deployments?processDefinitionKey=${processKey}`);
    expect(firstDeployment).toMatchObject({ name: processKey, deployedBy: IT_USER.username, note: "首个版本：县级审查" });
    const resources: Array<{ id: string; name: string }> = await getJson(context.request, `/engine-rest/deployment/${firstDeployment.id}/resources`);
    expect(resources.map((resource) => resource.name).sort()).toEqual([`${processKey}.bpmn`, `${FORM_KEY}.form.json`].sort());
    const formResource = resources.find((resource) => resource.name === `${FORM_KEY}.form.json`)!;
    const frozen = await context.request.get(`${server.url}/engine-rest/deployment/${firstDeployment.id}/resources/${formResource.id}/data`);
    expect(JSON.parse(await frozen.text())).toEqual(savedForm.definition);

    const [v1] = await getJson(context.request, `/engine-rest/process-definition?key=${processKey}&version=1`);
    expect(v1).toMatchObject({ key: processKey, version: 1, tenantId: TENANT, deploymentId: firstDeployment.id });
    const { bpmn20Xml } = await getJson(context.request, `/engine-rest/process-definition/${v1.id}/xml`);
    const process = (await parse(bpmn20Xml)).rootElements.find((element: any) => element.$type === "bpmn:Process");
    const byId = new Map<string, any>(process.flowElements.map((element: any) => [element.id, element]));
    const task = byId.get(taskId);
    expect(task.$type).toBe("bpmn:UserTask");
    expect(task.name).toBe("用地审查");
    expect(task.get("camunda:candidateGroups")).toBe("land-reviewer@330106");
    expect(task.get("camunda:dueDate")).toBe("P5WD");
    expect(task.get("camunda:formKey")).toBe(`jintu-form:${FORM_KEY}`);
    expect(byId.get(approvedFlowId).conditionExpression.body).toBe("${approved}");
    expect(byId.get(gatewayId).default.id).toBe(returnedFlowId);

    // The versions view opens from the dialog: who, when and why, from the real /api/deployments.
    await page.click("[data-testid=deploy-show-versions]");
    const row1 = page.locator("[data-testid=version-row-1]");
    await row1.waitFor();
    await expect(row1.locator(".version-note").textContent()).resolves.toBe("首个版本：县级审查");
    await expect(row1.locator(".version-by").textContent()).resolves.toBe(IT_USER.username);
    const expectedTime = await page.evaluate((iso) => {
      const date = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
    }, firstDeployment.deploymentTime);
    await expect(row1.locator(".version-time").textContent()).resolves.toBe(expectedTime);
    await page.click("[data-testid=versions-close]");
    await page.waitForSelector("[data-testid=versions-dialog]", { state: "detached" });

    // Second version: rename the task, deploy again (same tenant), compare v1 and v2.
    await selectShape(page, taskId);
    await openGroup(page, "general");
    await page.fill("#bio-properties-panel-name", "用地复核");
    await page.waitForSelector(`.djs-element[data-element-id="${taskId}"] text:has-text("用地复核")`);
    await page.click("[data-testid=btn-deploy]");
    await page.fill("[data-testid=deploy-note]", "改为复核");
    await page.fill("[data-testid=deploy-tenant]", TENANT);
    await page.click("[data-testid=deploy-submit]");
    await page.waitForSelector("[data-testid=deploy-success]");
    const deployments = await getJson(context.request, `/api/deployments?processDefinitionKey=${processKey}`);
    expect(deployments.map((deployment: any) => deployment.note)).toEqual(["改为复核", "首个版本：县级审查"]);
    await page.click("[data-testid=deploy-show-versions]");
    await page.waitForSelector("[data-testid=version-row-2]");
    await expect(page.locator("[data-testid=version-row-2] .version-note").textContent()).resolves.toBe("改为复核");
    await expect(page.locator("[data-testid=version-row-2] .version-by").textContent()).resolves.toBe(IT_USER.username);
    await page.check("[data-testid=version-select-1]");
    await page.check("[data-testid=version-select-2]");
    await page.click("[data-testid=versions-compare]");
    const changed = page.locator(`[data-testid=diff-list] li[data-element-id="${taskId}"]`);
    await changed.waitFor();
    await expect(changed.textContent()).resolves.toContain('"用地审查" → "用地复核"');
    await page.waitForSelector(`[data-testid=diff-new] .djs-element.diff-changed[data-element-id="${taskId}"]`);
    await page.waitForSelector(`[data-testid=diff-old] .djs-element.diff-changed[data-element-id="${taskId}"]`);
    await page.screenshot({ path: join(artifacts, "07-versions-diff.png") });
    await page.click("[data-testid=versions-close]");

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  describe("the deployed flow, through the API, then the clerk's task form", () => {
    let taskId: string;
    let clerkContext: BrowserContext;
    let clerkPage: Page;
    let clerkProblems: string[];

    beforeAll(async () => {
      expect(deployed.processKey, "the modelling test deploys the flow first").toBeTruthy();
      // Start a case as the IT user with HTTP Basic auth (what Camunda clients send).
      const basic = `Basic ${Buffer.from(`${IT_USER.username}:${IT_USER.password}`).toString("base64")}`;
      const started = await fetch(`${server.url}/engine-rest/process-definition/key/${deployed.processKey}/tenant-id/${TENANT}/start`, {
        method: "POST", headers: { authorization: basic, "content-type": "application/json" },
        body: JSON.stringify({ businessKey: "XH-2026-001", variables: {} }),
      });
      const instance = await started.json();
      expect(started.status, JSON.stringify(instance)).toBe(200);
      expect(instance).toMatchObject({ definitionId: expect.stringContaining(":2:"), tenantId: TENANT, ended: false });

      ({ context: clerkContext, page: clerkPage, problems: clerkProblems } = await newGuardedPage());
      await loginThroughPage(clerkPage, CLERK, "/api/auth/me");
      const tasks = await getJson(clerkContext.request, `/engine-rest/task?processInstanceId=${instance.id}`);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ name: "用地复核", formKey: `jintu-form:${FORM_KEY}`, tenantId: TENANT });
      expect(tasks[0].due).toBeTruthy(); // P5WD became a date
      taskId = tasks[0].id;
    });

    afterAll(async () => clerkContext?.close());

    it("renders the form frozen in the deployment, with the parcel map, in the forms renderer", async () => {
      const form = await getJson(clerkContext.request, `/engine-rest/task/${taskId}/form`);
      expect(form.key).toBe(`jintu-form:${FORM_KEY}`);
      const [definition] = await getJson(clerkContext.request, `/engine-rest/process-definition?key=${deployed.processKey}&version=2`);
      const resources: Array<{ id: string; name: string }> = await getJson(clerkContext.request, `/engine-rest/deployment/${definition.deploymentId}/resources`);
      const resource = resources.find((candidate) => candidate.name === `${FORM_KEY}.form.json`);
      expect(resource, "the deployment carries the bound form").toBeTruthy();
      const frozenForm = await getJson(clerkContext.request, `/engine-rest/deployment/${definition.deploymentId}/resources/${resource!.id}/data`);
      expect(frozenForm).toEqual(deployed.savedForm);

      // forms/demo built into a temp dir is served under the server's origin by the test (static files only).
      await clerkPage.route(`${server.url}/__forms-demo/**`, async (route) => {
        const relative = normalize(decodeURIComponent(new URL(route.request().url()).pathname.slice("/__forms-demo/".length)) || "index.html");
        if (relative.startsWith("..")) return route.fulfill({ status: 400 });
        const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".geojson": "application/geo+json", ".svg": "image/svg+xml", ".png": "image/png" };
        try {
          return await route.fulfill({ status: 200, contentType: types[extname(relative)] ?? "application/octet-stream", body: await readFile(join(formsDemoDir, relative)) });
        } catch {
          return route.fulfill({ status: 404, body: "not found" });
        }
      });
      await clerkPage.goto(`${server.url}/__forms-demo/index.html`);
      await clerkPage.waitForFunction(() => (window as any).jintuDemo?.ready === true);
      await clerkPage.evaluate(async (schema) => {
        await (window as any).jintuDemo.form.setForm(schema);
      }, frozenForm);
      const map = clerkPage.locator(".formio-component-parcelMap .leaflet-container");
      await map.waitFor({ state: "visible" });
      const box = (await map.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.height).toBeGreaterThan(200);
      await expect(clerkPage.locator(".formio-component-textarea textarea").count()).resolves.toBe(1);
      await clerkPage.screenshot({ path: join(artifacts, "08-clerk-frozen-form.png") });
      expect(clerkProblems).toEqual([]);
    });

    it("shows the task in the clerks' portal with the parcel map", async (context) => {
      if (!portal.ok) {
        console.warn(`[designer test] portal not built, task page not checked: ${portal.reason}`);
        return context.skip();
      }
      await clerkPage.unrouteAll();
      await clerkPage.goto(`${server.url}/tasks/${encodeURIComponent(taskId)}`);
      const map = clerkPage.locator(".formio-component-parcelMap .leaflet-container");
      await map.waitFor({ state: "visible", timeout: 30_000 });
      expect((await map.boundingBox())!.height).toBeGreaterThan(200);
      await clerkPage.screenshot({ path: join(artifacts, "09-portal-task.png") });
      expect(clerkProblems).toEqual([]);
    });
  });

  it("shows the server's Camunda error in the deploy dialog and blocks deploys with lint errors", async () => {
    const { context, page, problems } = await newGuardedPage();
    const failedResponses: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await loginThroughPage(page, IT_USER, "/designer/");
    await page.waitForSelector(".djs-palette");
    // The blank diagram has only a start event: "no end event" is an error, so deploying is blocked.
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-lint-errors]");
    expect(await page.locator("[data-testid=deploy-submit]").isDisabled()).toBe(true);
    await page.click("[data-testid=deploy-cancel]");
    // A template from processes/ (served by /api/templates) opens clean, but the forms it binds are not in
    // the server's form store (/api/forms), so the deploy dialog names them and will not deploy.
    await page.click("[data-testid=btn-new]");
    const templates = await getJson(context.request, "/api/templates");
    const template = templates.find((candidate: any) => candidate.key === "construction-land-approval") ?? templates[0];
    await page.click(`[data-testid=template-${template.key}]`);
    await page.waitForSelector("[data-testid=new-dialog]", { state: "detached" });
    await expect(page.locator("[data-testid=process-label]").textContent()).resolves.toBe(`${template.name}（${template.key}）`);
    await expectLintErrors(page, 0);
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-note]");
    await expect(page.locator("[data-testid=deploy-forms]").textContent()).resolves.toContain("绑定的表单 cla-accept 不存在");
    expect(await page.locator("[data-testid=deploy-submit]").isDisabled()).toBe(true);
    await page.screenshot({ path: join(artifacts, "09-template-forms-missing.png") });
    await page.click("[data-testid=deploy-cancel]");

    // A flow opened from a file, its form saved on the server: deployable. 余杭区 330110 lies outside the
    // Xihu IT user's region, so the real server refuses, with Camunda's error body shown as is.
    const saveForm = await context.request.put(`${server.url}/api/forms/sample-opinion`, {
      data: { name: "示例意见", definition: { display: "form", components: [{ type: "textarea", key: "opinion", label: "意见", input: true }] } },
    });
    expect(saveForm.status()).toBe(200);
    const sample = (await readFile(join(designerDir, "testing", "template-sample.bpmn"), "utf8")).replace("jintu-form:land-review", "jintu-form:sample-opinion");
    await page.setInputFiles("#open-file-input", { name: "sample-approval.bpmn", mimeType: "application/xml", buffer: Buffer.from(sample) });
    await page.waitForSelector('.djs-element[data-element-id="Review"]');
    await expect(page.locator("[data-testid=process-label]").textContent()).resolves.toBe("示例审批（sample-approval）");
    await page.click("[data-testid=btn-deploy]");
    await page.waitForSelector("[data-testid=deploy-forms] [data-form-key='sample-opinion']");
    expect(await page.locator("[data-testid=deploy-submit]").isDisabled()).toBe(false);
    await page.fill("[data-testid=deploy-note]", "should fail");
    await page.fill("[data-testid=deploy-tenant]", "330110");
    await page.click("[data-testid=deploy-submit]");
    const error = page.locator("[data-testid=deploy-error]");
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/^AuthorizationException: .*330110/);
    await page.screenshot({ path: join(artifacts, "10-deploy-error.png") });
    const refused = await getJson(context.request, "/api/deployments?processDefinitionKey=sample-approval");
    expect(refused).toEqual([]);
    // Chrome logs each failed request as a console error: exactly the missing forms and the refused deploy.
    expect(failedResponses.filter((line) => !/^404 \/api\/forms\/cla-[a-z-]+$/.test(line))).toEqual(["403 /engine-rest/deployment/create"]);
    expect(problems.filter((problem) => !/status of (403|404)/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(failedResponses.length);
    await context.close();
  });

  it("designs a form with a date field (flatpickr bundled), saves it, previews it; switches to English", async () => {
    const { context, page, problems } = await newGuardedPage();
    await loginThroughPage(page, IT_USER, "/designer/");
    await page.waitForSelector(".djs-palette");
    await page.click("[data-testid=btn-forms]");
    await page.waitForSelector("[data-testid=form-builder] [data-type='textfield']", { timeout: 30_000 });
    // Jintu's GIS components from forms/components are offered in their own sidebar group.
    for (const type of ["parcelMap", "pointPicker", "regionSelect"]) {
      expect(await page.locator(`[data-testid=form-builder] [id*='jintu'] [data-type='${type}']`).count(), type).toBe(1);
    }
    await dragIntoForm(page, "textfield");
    await page.screenshot({ path: join(artifacts, "11-form-component-edit.png") });
    await saveComponentDialog(page);
    // Form.io's date/time field: its calendar (flatpickr) is bundled, so nothing is fetched from a CDN.
    await dragIntoForm(page, "datetime", "Date / Time");
    await page.waitForSelector(".formio-dialog .flatpickr-input", { state: "attached" }); // flatpickr ran
    await saveComponentDialog(page);
    await page.fill("[data-testid=form-key]", "site-survey");
    await page.fill("[data-testid=form-name]", "现场踏勘记录");
    await page.fill("[data-testid=form-note]", "初稿");
    await page.click("[data-testid=form-save]");
    await page.waitForSelector("[data-testid=form-saved]");
    const saved = await getJson(context.request, "/api/forms/site-survey");
    expect(saved).toMatchObject({ key: "site-survey", name: "现场踏勘记录", version: 1 });
    expect(saved.definition.components.map((component: any) => component.type)).toEqual(expect.arrayContaining(["textfield", "datetime"]));
    await page.waitForSelector("[data-testid=forms-list] [data-form-key='site-survey']");
    await page.click("[data-testid=tab-preview]");
    await page.waitForSelector("[data-testid=form-preview] input[type=text]");
    await expect(page.locator("[data-testid=tab-preview]").getAttribute("class")).resolves.toContain("active");
    expect(await page.locator("[data-testid=form-builder]").isHidden()).toBe(true);
    // The date field opens its calendar (flatpickr from the bundle; a CDN request would fail the test).
    await page.locator("[data-testid=form-preview] .formio-component-datetime input.form-control:not([type=hidden])").first().click();
    const calendar = page.locator(".flatpickr-calendar.open");
    await calendar.waitFor();
    expect(await calendar.locator(".flatpickr-day").count()).toBeGreaterThanOrEqual(28);
    await page.screenshot({ path: join(artifacts, "12-form-preview-date.png") });
    await page.click("[data-testid=form-name]"); // closes the calendar (Escape would close the whole dialog)
    await calendar.waitFor({ state: "hidden" });
    await page.click("[data-testid=forms-close]");

    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.querySelector("[data-testid=btn-deploy]")?.textContent === "Deploy");
    await expect(page.locator(".djs-palette [data-action='create.user-task']").getAttribute("aria-label")).resolves.toBe("Create user task");
    await page.screenshot({ path: join(artifacts, "13-english.png") });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
