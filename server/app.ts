// The Express 5 application: authentication, audit, Jintu's /api, the Camunda-compatible /engine-rest
// (server/engine-rest, mounted here), the /login page and the built UIs.
import cookieParser from "cookie-parser";
import express, { type Express, type Router } from "express";
import type { Clock, Engine } from "../engine";
import type { Db } from "../engine";
import { mountApiRoutes, mountDocs, createRegistry } from "./api";
import { auditMiddleware } from "./audit";
import { basicAuth, createPrincipalFactory, mountAuthRoutes, sessionAuth } from "./auth";
import { createAuthorizer, type Authorizer } from "./authz";
import type { ServerConfig } from "./config";
import { errorHandler, jsonNotFound } from "./errors";
import { createRepositories, type Repositories } from "./repositories";
import { mountStaticUis } from "./staticUis";

export interface AppOptions {
  engine: Engine;
  db: Db;
  config: ServerConfig;
  clock?: Clock;
  /** The /engine-rest router (server/engine-rest); omitted → /engine-rest answers 404 JSON. */
  engineRestRouter?: Router;
}

export interface JintuApp {
  app: Express;
  repos: Repositories;
  authz: Authorizer;
}

export async function createApp({ engine, db, config, clock = engine.clock, engineRestRouter }: AppOptions): Promise<JintuApp> {
  const repos = createRepositories(db, clock, { sessionTtlMs: config.sessionTtlMs });
  const authz = await createAuthorizer(db, clock);
  const principals = createPrincipalFactory(authz, repos);
  const authDeps = { repos, principals };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(cookieParser());
  app.use(sessionAuth(authDeps));
  app.use(auditMiddleware(repos.audit, clock));

  // ------------------------------------------------------------------------------------------ /api
  const registry = createRegistry();
  const api = express.Router();
  api.use(express.json({ limit: "5mb" }));
  api.use(express.urlencoded({ extended: false, limit: "100kb" }));
  mountDocs(api, registry);
  mountAuthRoutes(app, api, registry, { ...authDeps, loginRateLimit: config.loginRateLimit });
  mountApiRoutes(api, registry, { engine, db, repos, authz, config, clock });
  api.use(jsonNotFound);
  api.use(errorHandler);
  app.use("/api", api);

  // ---------------------------------------------------------------------------------- /engine-rest
  const engineRest = express.Router();
  engineRest.use(...basicAuth(authDeps, config.loginRateLimit));
  if (engineRestRouter) engineRest.use(engineRestRouter);
  engineRest.use(jsonNotFound);
  engineRest.use(errorHandler);
  app.use("/engine-rest", engineRest);

  // ------------------------------------------------------------------------------------------ UIs
  mountStaticUis(app, config);
  app.get("/", (_req, res) => res.redirect(302, "/login"));
  app.use(errorHandler);
  return { app, repos, authz };
}
