// Browser checks of the server's own pages: /login (Chinese, English switch, form post, redirect to next)
// and the Swagger UI at /api/docs/, with every non-local request aborted and console errors failing.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

const shots = path.resolve(import.meta.dirname, "../../test-artifacts/server");
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu",
    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const problems: string[] = [];
  const origin = new URL(server.url).origin;
  await page.route("**/*", (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

describe("login page", () => {
  it("shows the Chinese form, switches to English, logs in and goes to next", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/login?next=/api/auth/me`);
    expect(await page.locator("h1").textContent()).toBe("金土工程电子政务平台");
    await page.screenshot({ path: path.join(shots, "login-zh.png") });

    await page.click("text=English");
    expect(await page.locator("h1").textContent()).toBe("Jintu e-government platform");
    await page.fill("input[name=username]", "xihu-clerk");
    await page.fill("input[name=password]", "wrong");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/login\?error=1/);
    expect(await page.locator(".error").textContent()).toBe("Wrong username or password.");
    await page.screenshot({ path: path.join(shots, "login-en-error.png") });

    await page.fill("input[name=username]", "xihu-clerk");
    await page.fill("input[name=password]", "demo");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/api\/auth\/me$/);
    expect(JSON.parse(await page.locator("body").innerText())).toMatchObject({ id: "xihu-clerk", regions: ["330106"] });
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "jintu_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("API docs", () => {
  it("renders Swagger UI from local files with the Jintu document", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/api/docs/`);
    await page.waitForSelector(".swagger-ui .info .title", { timeout: 20_000 });
    expect(await page.locator(".swagger-ui .info .title").innerText()).toContain("Jintu API");
    await page.getByText("/api/forms/{key}", { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(shots, "api-docs.png") });
    expect(problems).toEqual([]);
    await page.close();
  });
});
