// Builds the forms demo with Vite, serves it on a random localhost port, and drives it in Debian's
// chromium: draws a parcel half on the synthetic 永久基本农田 patch JBNT-330106-001 with the mouse (geoman
// draw mode), checks the area text and the overlap warning against gis-components computed in Node, submits
// and compares the page's server-side validation figures. Screenshots go to test-artifacts/forms/.
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeatureCollection, Polygon } from "geojson";
import { formatArea, overlapWithLayer, parcelArea } from "../gis-components/index";
import { writePolygonShp, writeZip } from "../gis-components/testing/index";

const here = fileURLToPath(new URL(".", import.meta.url));
const distDir = join(here, "dist");
const artifacts = join(here, "../test-artifacts/forms");
const farmland = JSON.parse(readFileSync(join(here, "../gis-components/sample-layers/basic-farmland.geojson"), "utf8"));

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".geojson": "application/geo+json", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml" };

function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(distDir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(distDir) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("parcelMap in the demo form (chromium)", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await build({ configFile: join(here, "vite.config.ts"), logLevel: "warn" });
    server = await serveDist();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ viewport: { width: 1100, height: 1500 }, locale: "zh-CN" });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  /** Page pixel of a lon/lat on the parcel map. */
  async function pixel(lon: number, lat: number): Promise<{ x: number; y: number }> {
    return page.evaluate(([lon, lat]) => {
      const container = document.querySelector(".jintu-parcel-map [ref='jintuMap']") as HTMLElement & { jintuMap: { map: any } };
      const point = container.jintuMap.map.latLngToContainerPoint([lat, lon]);
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    }, [lon, lat] as const);
  }

  it("draws a parcel half on 永久基本农田 and shows its area and the overlap warning", async () => {
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => window.jintuDemo?.ready === true);
    // 3 farmland patches + red line + urban boundary + the region outline.
    await page.waitForFunction(() => document.querySelectorAll(".jintu-parcel-map .leaflet-overlay-pane path").length >= 6, undefined, { timeout: 15_000 });
    const mapBox = await page.locator(".jintu-parcel-map [ref='jintuMap']").boundingBox();
    expect(mapBox!.height).toBeGreaterThan(300);
    await expect.poll(() => page.locator("[data-testid='parcel-area']").textContent()).toContain("尚未绘制地块");
    await page.screenshot({ path: join(artifacts, "01-loaded.png"), fullPage: true });

    // Geoman draw mode: click the polygon tool, click four corners, click the first corner again to close.
    await page.locator(".jintu-parcel-map .leaflet-pm-icon-polygon").click();
    const corners = [[120.05, 30.165], [120.07, 30.165], [120.07, 30.175], [120.05, 30.175]];
    for (const [lon, lat] of corners) {
      const { x, y } = await pixel(lon!, lat!);
      await page.mouse.move(x, y, { steps: 3 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    const first = await pixel(corners[0]![0]!, corners[0]![1]!);
    await page.mouse.move(first.x, first.y, { steps: 3 });
    await page.mouse.click(first.x, first.y);

    await expect.poll(() => page.locator("[data-testid='parcel-area']").textContent()).toContain("亩");
    await page.mouse.move(10, 10);
    await page.locator(".jintu-parcel-map").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "02-drawn.png"), fullPage: true });

    // The form's value, measured here in Node with the same functions, must match what the page shows.
    const value = (await page.evaluate(() => (window.jintuDemo!.form as { submission: { data: { parcel: unknown } } }).submission.data.parcel)) as FeatureCollection<Polygon>;
    expect(value.type).toBe("FeatureCollection");
    expect(value.features).toHaveLength(1);
    const area = parcelArea(value);
    const overlap = overlapWithLayer(value, farmland);
    // The drawn rectangle is about 1 930 m × 1 110 m (pixel snapping moves corners by ≤ ~10 m at zoom 14).
    const expectedArea = parcelArea({ type: "Polygon", coordinates: [[...corners, corners[0]!]] } as Polygon).squareMetres;
    expect(Math.abs(area.squareMetres / expectedArea - 1)).toBeLessThan(0.03);
    expect(overlap.share).toBeGreaterThan(0.47);
    expect(overlap.share).toBeLessThan(0.53);
    const areaText = await page.locator("[data-testid='parcel-area']").textContent();
    expect(areaText).toBe(`面积:${formatArea(area, "zh")}`);
    const warning = page.locator(".jintu-overlaps [data-layer='basic-farmland']");
    await expect.poll(() => warning.getAttribute("class")).toContain("alert-warning");
    const warningText = await warning.textContent();
    expect(warningText).toContain("与永久基本农田重叠");
    expect(warningText).toContain(formatArea(overlap.overlap, "zh"));
    expect(warningText).toContain(`${(overlap.share * 100).toFixed(1)}%`);
    expect(await page.locator(".jintu-overlaps [data-layer='ecological-redline']").textContent()).toContain("无重叠");
    // The overlapping part is highlighted on the map (OVERLAP_STYLE, orange).
    expect(await page.locator(".jintu-parcel-map .leaflet-overlay-pane path[stroke='#e67e22']").count()).toBe(1);
    console.info(`drawn parcel: ${formatArea(area)}; farmland overlap ${formatArea(overlap.overlap)} = ${(overlap.share * 100).toFixed(2)} %`);

    // Submitting runs forms/validation in the page; its figures must equal the ones computed here.
    await page.locator("button[name='data[submit]']").click();
    await expect.poll(() => page.locator("[data-testid='validation-result']").textContent(), { timeout: 10_000 }).toContain("figures");
    const result = JSON.parse((await page.locator("[data-testid='validation-result']").textContent())!);
    expect(result.valid).toBe(true);
    // Same functions, same coordinates — but not bit-identical: areas are ellipsoidal (geographiclib) and
    // Chromium's V8 rounds sin/cos/atan2 differently from Node's in the last bit (measured: ~3 % of sin
    // values differ), which moves the area by ~1e-12 relative. Agreement to 1e-9 relative (≈ 0.002 m²
    // here) is a million times tighter than the 1 m² tolerance of threshold decisions (exceedsHectares).
    expect(Math.abs(result.figures.parcel.area.squareMetres / area.squareMetres - 1)).toBeLessThan(1e-9);
    expect(Math.abs(result.figures.parcel.overlaps[0].overlap.squareMetres / overlap.overlap.squareMetres - 1)).toBeLessThan(1e-9);
    expect(formatArea(result.figures.parcel.area, "zh")).toBe(formatArea(area, "zh"));
    expect(result.warnings.parcel.map((w: { code: string }) => w.code)).toEqual(["overlap:basic-farmland"]);
    await page.screenshot({ path: join(artifacts, "03-submitted.png"), fullPage: true });

    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("imports files through the button: a clear error for a bad file, the area for a good WKT", async () => {
    await page.goto(`${origin}/index.html?lang=en`);
    await page.waitForFunction(() => window.jintuDemo?.ready === true);
    const upload = page.locator(".jintu-parcel-map input[type='file']");
    await upload.setInputFiles({ name: "parcel.zip", mimeType: "application/zip", buffer: Buffer.from("this is not a zip") });
    const error = page.locator(".jintu-parcel-map [ref='jintuImportError']");
    await expect.poll(() => error.textContent()).toContain("is not a zip file");
    expect(await error.getAttribute("class")).not.toContain("d-none");
    await page.screenshot({ path: join(artifacts, "04-import-error-en.png"), fullPage: true });

    const wkt = "POLYGON((120.1 30.2, 120.11 30.2, 120.11 30.21, 120.1 30.21, 120.1 30.2))";
    await upload.setInputFiles({ name: "parcel.wkt", mimeType: "text/plain", buffer: Buffer.from(wkt) });
    const expected = parcelArea({ type: "Polygon", coordinates: [[[120.1, 30.2], [120.11, 30.2], [120.11, 30.21], [120.1, 30.21], [120.1, 30.2]]] });
    await expect.poll(() => page.locator("[data-testid='parcel-area']").textContent()).toBe(`Area: ${formatArea(expected, "en")}`);
    expect(await error.getAttribute("class")).toContain("d-none");
    // This parcel lies on the ecological red line, which the demo marks as blocking.
    await expect.poll(() => page.locator(".jintu-overlaps [data-layer='ecological-redline']").getAttribute("class")).toContain("alert-danger");
    await page.screenshot({ path: join(artifacts, "05-imported-wkt-en.png"), fullPage: true });

    // A zipped shapefile goes through shpjs in the bundle; its outer ring runs clockwise as ESRI requires.
    const ring = [[120.05, 30.165], [120.05, 30.175], [120.07, 30.175], [120.07, 30.165], [120.05, 30.165]];
    await upload.setInputFiles({ name: "parcel.zip", mimeType: "application/zip", buffer: Buffer.from(writeZip({ "parcel.shp": writePolygonShp([[ring]]) })) });
    const fromShapefile = parcelArea({ type: "Polygon", coordinates: [ring] });
    await expect.poll(() => page.locator("[data-testid='parcel-area']").textContent()).toBe(`Area: ${formatArea(fromShapefile, "en")}`);
    await expect.poll(() => page.locator(".jintu-overlaps [data-layer='basic-farmland']").getAttribute("class")).toContain("alert-warning");
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("pointPicker, created in a hidden tab, sizes its map when shown and takes a click as the site", async () => {
    const map = page.locator(".jintu-point-picker [ref='jintuMap']");
    expect(await map.isVisible()).toBe(false);
    await page.getByText("现场 Site").click();
    await expect.poll(() => map.isVisible()).toBe(true);
    // Leaflet's idea of the size must follow the container once the tab is visible.
    const sizes = () => page.evaluate(() => {
      const container = document.querySelector(".jintu-point-picker [ref='jintuMap']") as HTMLElement & { jintuMap: { map: any } };
      const size = container.jintuMap.map.getSize();
      return [size.x, size.y, container.clientWidth, container.clientHeight];
    });
    await expect.poll(async () => { const [x, y, w, h] = await sizes(); return x === w && y === h && w > 0; }).toBe(true);
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.locator(".jintu-point-picker [ref='jintuRadius']").fill("150");
    await page.locator(".jintu-point-picker [ref='jintuRadius']").dispatchEvent("change");
    const site = await page.evaluate(() => (window.jintuDemo!.form as { submission: { data: { site: any } } }).submission.data.site);
    expect(site.geometry.type).toBe("Point");
    expect(site.geometry.coordinates[0]).toBeGreaterThan(120.05);
    expect(site.geometry.coordinates[0]).toBeLessThan(120.12);
    expect(site.properties).toEqual({ radius: 150 });
    expect(await page.locator(".jintu-point-picker .leaflet-marker-icon").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator(".jintu-point-picker path.leaflet-interactive").count()).toBe(1); // the radius circle
    await page.screenshot({ path: join(artifacts, "06-point-picked.png"), fullPage: true });
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
