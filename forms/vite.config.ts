// Builds the forms demo (forms/demo) into forms/dist. The sample layers are served and emitted at the
// URLs the Jintu server uses (/api/gis/layers/<name>.geojson), plus a demo region-boundary endpoint
// (/api/gis/regions/330106.geojson → the synthetic Xihu outline), so the demo page needs no server.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const layersDir = fileURLToPath(new URL("../gis-components/sample-layers/", import.meta.url));
const SAMPLE_FILES: Record<string, string> = {
  "api/gis/layers/basic-farmland.geojson": "basic-farmland.geojson",
  "api/gis/layers/ecological-redline.geojson": "ecological-redline.geojson",
  "api/gis/layers/urban-boundary.geojson": "urban-boundary.geojson",
  "api/gis/regions/330106.geojson": "xihu-boundary.geojson",
};

function sampleLayers(): Plugin {
  const serve = (url: string | undefined) => {
    const file = url ? SAMPLE_FILES[url.split("?")[0]!.replace(/^\//, "")] : undefined;
    return file ? readFileSync(layersDir + file) : undefined;
  };
  const middleware = (req: { url?: string }, res: { setHeader(k: string, v: string): void; end(b: Buffer): void }, next: () => void) => {
    const body = serve(req.url);
    if (!body) return next();
    res.setHeader("Content-Type", "application/geo+json");
    res.end(body);
  };
  return {
    name: "jintu-sample-layers",
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(SAMPLE_FILES)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(layersDir + source) });
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL("./demo/", import.meta.url)),
  base: "./",
  plugins: [sampleLayers()],
  build: {
    outDir: fileURLToPath(new URL("./dist/", import.meta.url)),
    emptyOutDir: true,
    // Leaflet's and geoman's small images end up inline (data: URLs), never fetched.
    assetsInlineLimit: 16_384,
    chunkSizeWarningLimit: 3_000,
  },
});
