// The Camunda 7 REST subset under /engine-rest, as an Express 5 router. server/app.ts mounts it after the
// auth middleware that sets res.locals.principal. Paths, JSON shapes, status codes and the error shape
// {type, message} follow Camunda 7.2x so Camunda Modeler and camunda-external-task-client-js work unchanged.
import express, { Router } from "express";
import type { Engine } from "../../engine";
import type { EngineRestOptions, RestContext } from "./context";
import { deploymentRoutes } from "./deployment";
import { engineRoutes } from "./engine";
import { externalTaskRoutes } from "./externalTask";
import { historyRoutes } from "./history";
import { errorHandler, sendJson } from "./http";
import { jobRoutes } from "./job";
import { messageRoutes } from "./message";
import { processDefinitionRoutes } from "./processDefinition";
import { processInstanceRoutes } from "./processInstance";
import { taskRoutes } from "./task";

export type { EngineRestOptions } from "./context";
export { CAMUNDA_API_VERSION } from "./engine";
export { formatDate, parseDate } from "./dates";

export interface EngineRestRouterOptions extends EngineRestOptions {
  engine: Engine;
  /** server/'s database handle (reserved for Jintu's own tables; the Camunda subset needs only the engine). */
  db?: unknown;
}

export function createEngineRestRouter({ engine, db, ...options }: EngineRestRouterOptions): express.Router {
  const ctx: RestContext = {
    engine,
    db,
    options: {
      authorize: options.authorize ?? true,
      maxResourceBytes: options.maxResourceBytes ?? 10 * 1024 * 1024,
      maxJsonBytes: options.maxJsonBytes ?? 10 * 1024 * 1024,
      checkTaskSubmission: options.checkTaskSubmission,
    },
  };

  const api = Router();
  api.use(engineRoutes());
  api.use(deploymentRoutes(ctx));
  api.use(processDefinitionRoutes(ctx));
  api.use(processInstanceRoutes(ctx));
  api.use(taskRoutes(ctx));
  api.use(messageRoutes(ctx));
  api.use(externalTaskRoutes(ctx));
  api.use(jobRoutes(ctx));
  api.use(historyRoutes(ctx));

  const router = Router();
  router.use((_req, res, next) => {
    res.locals.engineRestAuthorize = ctx.options.authorize;
    next();
  });
  // Camunda serves JSON with and without a charset; tools also send application/*+json.
  router.use(express.json({ limit: ctx.options.maxJsonBytes, type: ["application/json", "application/*+json"], strict: false }));
  router.use(api);
  // Camunda's named-engine paths (/engine-rest/engine/default/task …) reach the same resources.
  router.use("/engine/default", api);
  router.use((req, res) => {
    sendJson(res, { type: "NotFoundException", message: `Could not find resource for full path: ${req.originalUrl}`, code: null }, 404);
  });
  router.use(errorHandler);
  return router;
}
