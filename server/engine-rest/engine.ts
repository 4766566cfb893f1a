// GET /engine and GET /version.
import { Router } from "express";
import { sendJson } from "./http";

/** The Camunda 7 REST API level Jintu implements (the subset listed in README.md), not a Jintu version.
 *  Camunda Modeler reads it to decide which deployment features to offer. */
export const CAMUNDA_API_VERSION = "7.23.0";

export function engineRoutes(): Router {
  const r = Router();
  r.get("/engine", (_req, res) => sendJson(res, [{ name: "default" }]));
  r.get("/version", (_req, res) => sendJson(res, { version: CAMUNDA_API_VERSION }));
  return r;
}
