// /api/openapi.json (generated from the zod schemas of every route) and /api/docs, a Swagger UI page
// served from the swagger-ui-dist package (no CDN).
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import express, { type Router } from "express";
import { createRequire } from "node:module";
import path from "node:path";
import { generateDocument } from "./openapiRegistry";

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Jintu API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/jintu-init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, withCredentials: true });`;

/** Mounted before authentication: the document describes the API, it grants nothing. */
export function mountDocs(api: Router, registry: OpenAPIRegistry): void {
  let document: unknown = null; // generated on first request, after every route registered itself
  api.get("/openapi.json", (_req, res) => {
    document ??= generateDocument(registry);
    res.json(document);
  });
  api.get("/docs", (req, res, next) => {
    if (!req.originalUrl.split("?")[0]!.endsWith("/")) return res.redirect(301, "/api/docs/");
    next();
  });
  api.get("/docs/", (_req, res) => res.type("html").send(PAGE));
  api.get("/docs/jintu-init.js", (_req, res) => res.type("js").send(INIT));
  api.use("/docs", express.static(swaggerDir, { index: false }));
}
