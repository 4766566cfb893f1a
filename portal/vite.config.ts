// Builds the portal into portal/dist, served by the Jintu server at / (with an SPA fallback).
// `npx vite --config portal/vite.config.ts` runs a dev server that proxies the API to JINTU_SERVER.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const portalRoot = fileURLToPath(new URL(".", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const server = process.env.JINTU_SERVER ?? "http://localhost:8080";

export default defineConfig({
  root: portalRoot,
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Leaflet's and geoman's marker images end up inline (data: URLs), never fetched.
    assetsInlineLimit: 16_384,
    // Form.io and bpmn-js are large by nature; each page loads them on demand in its own chunk.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    fs: { allow: [repositoryRoot] }, // forms/components and gis-components live outside portal/
    proxy: { "/api": server, "/engine-rest": server, "/login": server },
  },
});
