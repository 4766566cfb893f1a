// What /api route modules receive.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Router } from "express";
import type { Clock, Engine } from "../../engine";
import type { Db } from "../../engine";
import type { Authorizer } from "../authz";
import type { ServerConfig } from "../config";
import type { Repositories } from "../repositories";

export interface ApiServices {
  engine: Engine;
  db: Db;
  repos: Repositories;
  authz: Authorizer;
  config: ServerConfig;
  clock: Clock;
}

export type RouteModule = (router: Router, registry: OpenAPIRegistry, services: ApiServices) => void;
