// The portal in Debian's chromium against the real server (fresh SQLite, controlled clock), driven as the
// people would: the applicant applies online with a drawn parcel; the county clerk finds it in his inbox,
// fills the review form and approves (after a failed submit that must keep what he typed); the city clerk
// returns it to the county (退回); the county clerk re-submits; twenty days later the supervisor
// sees the case waiting at the city on the diagram, flagged overdue, and on the map, urges it (催办) and
// suspends/resumes it; the city clerk finds the reminder in his inbox; the public tracking page shows the
// status without internal opinions. Fails on console errors and on any non-local request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ControlledClock } from "../engine";
import { startTestServer, type TestServer } from "../server/testing/testServer";
import { TEST_FLOW_KEY, testFlowDeployment } from "../server/api/portalTestFlow";

const portalDir = fileURLToPath(new URL(".", import.meta.url));
const artifacts = fileURLToPath(new URL("../test-artifacts/portal/", import.meta.url));
const DAY = 86_400_000;
const clock = new ControlledClock("2026-11-25T01:30:00Z"); // Wednesday 09:30 in China

let server: TestServer;
let browser: Browser;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];
const contexts: BrowserContext[] = [];
let receipt = { receiptNo: "", queryCode: "" };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: "zh-CN" });
  contexts.push(context);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${String(error)} ${error.stack?.split("\n").slice(1, 6).join(" / ") ?? ""}`));
  return page;
}

async function loginAs(user: string, next: string): Promise<Page> {
  clock.advance(3_600_000); // an hour passes between one person's work and the next
  const page = await newPage();
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.fill("#username", user);
  await page.fill("#password", "demo");
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click("button[type=submit]")]);
  await page.waitForSelector("[data-testid=current-user]");
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

/** Removes the console line Chrome logs for a response the test provoked on purpose (exactly one). */
function expectProvokedResourceError(status: number, urlPart: string): void {
  const index = consoleErrors.findIndex((line) => line.includes(`status of ${status}`) && line.includes(urlPart));
  expect(index, `a console line for the provoked ${status}`).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(index, 1);
}

/** Page pixel of a lon/lat on the (first) parcel map. */
async function pixel(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([lon, lat]) => {
    const container = document.querySelector(".jintu-parcel-map [ref='jintuMap']") as HTMLElement & { jintuMap: { map: any } };
    const point = container.jintuMap.map.latLngToContainerPoint([lat, lon]);
    const box = container.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, [lon, lat] as const);
}

/** Opens the case's task from the inbox, searching by receipt number as a clerk would. */
async function openFromInbox(page: Page, taskName: string): Promise<void> {
  await page.goto(`${server.url}/inbox`);
  await page.fill("input[name=businessKey]", receipt.receiptNo);
  await page.click("[data-testid=inbox-search]");
  const row = page.locator(`tr[data-business-key='${receipt.receiptNo}']`);
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain(taskName);
  await row.locator("a").click();
  await page.waitForSelector("[data-testid=task-page]");
}

async function claimAndWaitForForm(page: Page): Promise<void> {
  await page.click("[data-testid=claim]");
  await page.waitForSelector("[data-testid=unclaim]");
  await page.waitForSelector("button[name='data[submit]']:not([disabled])");
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await build({ configFile: `${portalDir}vite.config.ts`, logLevel: "warn" });
  server = await startTestServer({ clock });
  const it = await server.login("zhejiang-it");
  const deployed = await it.post("/api/deployments", { json: testFlowDeployment() });
  if (deployed.status !== 201) throw new Error(await deployed.text());
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe("portal in chromium", { timeout: 120_000 }, () => {
  it("the applicant applies online with a drawn parcel and gets a receipt", async () => {
    const page = await loginAs("applicant", "/apply");
    await page.waitForSelector(`[data-flow='${TEST_FLOW_KEY}']`);
    await shot(page, "01-apply-flows");
    await page.click(`[data-flow='${TEST_FLOW_KEY}']`);
    await page.waitForSelector(".jintu-parcel-map .leaflet-pm-icon-polygon");
    await page.fill(".formio-component-projectName input", "西湖区双浦镇污水处理厂扩建");
    await page.fill(".formio-component-applicantName input", "杭州市西湖水务有限公司");
    await page.fill(".formio-component-contactPhone input", "13800000000");
    await page.selectOption(".jintu-region-select select[data-level='0']", "330100");
    await page.selectOption(".jintu-region-select select[data-level='1']", "330106");
    // draw the parcel with geoman: the polygon tool, four corners, back to the first
    await page.locator(".jintu-parcel-map").scrollIntoViewIfNeeded();
    await page.click(".jintu-parcel-map .leaflet-pm-icon-polygon");
    const corners: [number, number][] = [[120.055, 30.165], [120.068, 30.165], [120.068, 30.172], [120.055, 30.172]];
    for (const [lon, lat] of corners) {
      const { x, y } = await pixel(page, lon, lat);
      await page.mouse.move(x, y, { steps: 3 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(120);
    }
    const first = await pixel(page, corners[0]![0], corners[0]![1]);
    await page.mouse.move(first.x, first.y, { steps: 3 });
    await page.mouse.click(first.x, first.y);
    await expect.poll(() => page.locator("[data-testid='parcel-area']").textContent()).toContain("亩");
    await page.mouse.move(5, 5);
    await shot(page, "02-apply-form-drawn");
    await page.click("button[name='data[submit]']");
    await page.waitForSelector("[data-testid=receipt]");
    receipt = { receiptNo: (await page.textContent("[data-testid=receipt-no]"))!.trim(), queryCode: (await page.textContent("[data-testid=query-code]"))!.trim() };
    expect(receipt.receiptNo).toBe("330106-20261125-0001");
    await shot(page, "03-receipt");
    const [instance] = await server.engine.getProcessInstances({ businessKey: receipt.receiptNo });
    const parcel = await server.engine.getVariable(instance!.id, "parcel");
    expect((parcel!.value as { features: unknown[] }).features).toHaveLength(1);
  });

  it("the county clerk finds it, keeps what he typed through a failed submit, and approves", async () => {
    const page = await loginAs("xihu-clerk", "/inbox");
    await page.waitForSelector("[data-testid=inbox-table]");
    expect(await page.textContent("[data-testid=flow-counts]")).toContain("建设用地审批（门户测试）");
    await shot(page, "04-county-inbox");
    await openFromInbox(page, "县级审查");
    // the review form shows the applicant's parcel on its (read-only) map
    await page.waitForSelector(".jintu-parcel-map .leaflet-overlay-pane path");
    const parcelControls = ".jintu-parcel-map [ref=jintuImport], .jintu-parcel-map [ref=jintuClear], .jintu-parcel-map .leaflet-pm-toolbar";
    expect(await page.locator(parcelControls).count()).toBe(0);
    await claimAndWaitForForm(page);
    expect(await page.locator(parcelControls).count()).toBe(0); // still the applicant's parcel: shown, not changed here
    // Form.io's own validation: the opinion is required
    await page.check(".formio-component-countyDecision input[value='approve']");
    await page.click("button[name='data[submit]']");
    await page.waitForSelector(".formio-component-countyOpinion .formio-errors .error, .formio-component-countyOpinion.has-error, .formio-component-countyOpinion.formio-error-wrapper");
    await page.fill(".formio-component-countyOpinion textarea", "材料齐全，用地范围与预审一致，同意上报。");
    // the server fails once: the message shows and nothing typed is lost
    let failures = 0;
    await page.route("**/engine-rest/task/*/complete", async (route) => {
      failures++;
      await route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ type: "ProcessEngineException", message: "数据库暂时不可用" }) });
    });
    await page.click("button[name='data[submit]']");
    await page.waitForSelector("[data-testid=task-message]");
    expect(await page.textContent("[data-testid=task-message]")).toContain("数据库暂时不可用");
    expect(failures).toBe(1);
    expect(await page.inputValue(".formio-component-countyOpinion textarea")).toBe("材料齐全，用地范围与预审一致，同意上报。");
    expect(await page.isChecked(".formio-component-countyDecision input[value='approve']")).toBe(true);
    expectProvokedResourceError(500, "/tasks/");
    await shot(page, "05-county-failed-submit-kept");
    await page.unroute("**/engine-rest/task/*/complete");
    await page.click("button[name='data[submit]']");
    await page.waitForSelector("[data-testid=task-done]");
  });

  it("the city clerk returns it to the county (退回, choosing the target step)", async () => {
    const page = await loginAs("hangzhou-clerk", "/inbox");
    await openFromInbox(page, "市级审核");
    await claimAndWaitForForm(page);
    expect(await page.textContent("[data-testid=opinions]")).toContain("材料齐全，用地范围与预审一致，同意上报。");
    await page.fill(".formio-component-cityOpinion textarea", "补偿安置方案未附，退回补正。");
    await page.click("[data-testid=return]");
    await page.waitForSelector("[data-testid=return-targets] [data-target=Task_CountyReview]");
    await shot(page, "06-city-return");
    await page.click("[data-testid=return-targets] [data-target=Task_CountyReview]");
    await page.waitForSelector("[data-testid=task-done]");
    expect(await page.textContent("[data-testid=task-done]")).toContain("县级审查");
  });

  it("the county clerk sees both opinions in order and re-submits", async () => {
    const page = await loginAs("xihu-clerk", "/inbox");
    await openFromInbox(page, "县级审查");
    const opinions = await page.locator("[data-testid=opinion]").allTextContents();
    expect(opinions).toHaveLength(2);
    expect(opinions[0]).toContain("同意上报");
    expect(opinions[1]).toContain("退回补正");
    // a returned task goes back to the clerk who handled that step: already his, no claiming
    await page.waitForSelector("[data-testid=unclaim]");
    await page.waitForSelector("button[name='data[submit]']:not([disabled])");
    const approve = page.locator(".formio-component-countyDecision input[value='approve']");
    const chosen = async () => (await approve.isChecked()) && (await page.locator(".formio-component-countyDecision .radio-selected input[value='approve']").count()) === 1;
    await approve.check(); // already chosen: the first pass's values come back with the task
    expect(await chosen()).toBe(true);
    await approve.click(); // clicking the chosen option keeps it (Form.io's own radio would clear it)
    expect(await chosen()).toBe(true);
    await approve.press("Space");
    expect(await chosen()).toBe(true);
    await page.fill(".formio-component-countyOpinion textarea", "已补充补偿安置方案，重新上报。");
    await shot(page, "07-county-resubmit");
    await page.click("button[name='data[submit]']");
    await page.waitForSelector("[data-testid=task-done]");
  });

  it("twenty days later the supervisor sees the case at the city step, overdue, on the diagram, the map and the statistics", async () => {
    clock.advance(20 * DAY);
    const page = await loginAs("hangzhou-supervisor", "/cases");
    await page.waitForSelector("[data-testid=case-table]");
    const row = page.locator("tr", { hasText: receipt.receiptNo });
    expect(await row.textContent()).toContain("市级审核");
    expect(await row.locator("[data-status=overdue]").count()).toBe(1);
    await shot(page, "08-supervisor-cases");
    await row.locator("a").click();
    await page.waitForSelector("[data-testid=token-Task_CityReview]");
    expect(await page.locator("[data-element-id=Task_CityReview].highlight-overdue").count()).toBe(1);
    expect(await page.locator("[data-element-id=Task_CountyReview].highlight-done").count()).toBe(1);
    expect(await page.locator("[data-element-id=End_Approved].highlight-done").count()).toBe(0);
    expect(await page.textContent("[data-testid=overdue-flag]")).toMatch(/超期 \d+ 个工作日/);
    // candidate groups read as role and region, not as `land-reviewer@330100`
    expect(await page.textContent("[data-testid=open-tasks]")).toContain("用地审查（杭州市）");
    await page.click("[data-testid=urge]");
    await page.waitForSelector("[data-testid=case-message]");
    expect(await page.textContent("[data-testid=case-message]")).toBe("已催办：用地审查（杭州市）");
    // the urge is in the engine's operation log, once, by the supervisor's name
    await page.waitForSelector("[data-testid=urge-entry]");
    expect(await page.locator("[data-testid=urge-entry]").allTextContents()).toEqual([expect.stringMatching(/ · 杭州市局监督 钱伟 · 催办 → 用地审查（杭州市）$/)]);
    await shot(page, "09-supervisor-case-diagram");
    await page.click("[data-testid=suspend]");
    await page.waitForFunction(() => document.querySelector("[data-testid=case-message]")?.textContent === "案件已挂起");
    await page.waitForSelector("[data-testid=case-page] [data-status=suspended]");
    await page.click("[data-testid=suspend]");
    await page.waitForFunction(() => document.querySelector("[data-testid=case-message]")?.textContent === "案件已恢复");

    await page.click("[data-testid=nav-map]");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-map] .leaflet-overlay-pane path").length >= 1);
    const colour = await page.getAttribute("[data-testid=case-map] .leaflet-overlay-pane path", "stroke");
    expect(colour).toBe("#c62828"); // overdue
    await shot(page, "10-supervisor-map");

    await page.click("[data-testid=nav-statistics]");
    await page.waitForSelector("[data-testid=stats-table]");
    expect(await page.textContent("[data-testid=stats-table]")).toContain("西湖区");
    await page.waitForSelector("[data-testid=chart-steps]");
    await shot(page, "11-supervisor-statistics");
  });

  it("the city clerk finds the 催办 reminder above his inbox and dismisses it", async () => {
    const page = await loginAs("hangzhou-clerk", "/inbox");
    await page.waitForSelector("[data-testid=reminders]");
    expect(await page.textContent("[data-testid=reminder]")).toContain("催办：市级审核");
    await shot(page, "12-city-clerk-reminder");
    await page.click("[data-testid=reminder-read]");
    await page.waitForSelector("[data-testid=reminders]", { state: "detached" });
    await page.waitForSelector("[data-testid=inbox-table]");
  });

  it("the public tracking page shows the status and public steps only, in Chinese and English", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/track`);
    await page.fill("input[name=receiptNo]", receipt.receiptNo);
    await page.fill("input[name=queryCode]", "WRONG123");
    await page.click("[data-testid=track-search]");
    await page.waitForSelector("[data-testid=track-error]");
    expectProvokedResourceError(404, "queryCode=WRONG123");
    await page.fill("input[name=queryCode]", receipt.queryCode);
    await page.click("[data-testid=track-search]");
    await page.waitForSelector("[data-testid=track-result]");
    expect(await page.textContent("[data-testid=track-current]")).toBe("市级审核");
    const text = (await page.textContent("main"))!;
    expect(text).toContain("县级审查");
    expect(text).not.toContain("退回补正");
    expect(text).not.toContain("xihu-clerk");
    await shot(page, "13-public-tracking");
    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.querySelector("[data-testid=track-page]")?.textContent?.includes("Track an application"));
    await page.reload();
    await page.waitForSelector("[data-testid=track-result]");
    expect(await page.textContent("[data-testid=top-bar]")).toContain("Apply online");
    await shot(page, "14-public-tracking-en");
  });

  it("made no foreign request and logged no console error", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
