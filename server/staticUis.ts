// Serves the built UIs: designer/dist at /designer/, portal/dist at /, each with an SPA fallback to its
// index.html for browser navigations (never for /api, /engine-rest or files with an extension).
import express, { type Express, type RequestHandler } from "express";
import { existsSync } from "node:fs";
import path from "node:path";

function spaFallback(dir: string): RequestHandler {
  const index = path.join(dir, "index.html");
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (/^\/(api|engine-rest)(\/|$)/.test(req.originalUrl)) return next();
    if (path.extname(req.path)) return next();
    if (!req.accepts("html")) return next();
    res.sendFile(index);
  };
}

export function mountStaticUis(app: Express, dirs: { designerDist: string; portalDist: string }): void {
  if (existsSync(path.join(dirs.designerDist, "index.html"))) {
    // Express routing is not strict: "/designer" also matches "/designer/", so look at the raw path.
    app.get("/designer", (req, res, next) => (req.originalUrl.split("?")[0] === "/designer" ? res.redirect(301, "/designer/") : next()));
    app.use("/designer", express.static(dirs.designerDist, { index: "index.html" }), spaFallback(dirs.designerDist));
  }
  if (existsSync(path.join(dirs.portalDist, "index.html"))) {
    app.use(express.static(dirs.portalDist, { index: "index.html" }), spaFallback(dirs.portalDist));
  }
}
