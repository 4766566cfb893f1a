// Builds the designer into designer/dist, served by the Jintu server at /designer/.
// `npx vite --config designer/vite.config.ts` runs a dev server that proxies the API to JINTU_SERVER.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const designerRoot = fileURLToPath(new URL(".", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const server = process.env.JINTU_SERVER ?? "http://localhost:3000";

export default defineConfig({
  root: designerRoot,
  base: "/designer/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // bpmn-js (+ panel) and Form.io are large by nature; they are split into separate chunks instead.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    fs: { allow: [repositoryRoot] }, // forms/components lives outside designer/
    proxy: { "/api": server, "/engine-rest": server, "/login": server },
  },
});
