// The variable sub-resources shared by process instances, executions and tasks:
// GET|POST …/variables, GET|PUT|DELETE …/variables/{name}, GET …/variables/{name}/data.
import type { Request, Response, Router } from "express";
import type { VariableInput, VariableInstance } from "../../engine";
import { badRequest, notFound, sendJson, sendNoContent } from "./http";
import { Params } from "./params";
import { parseVariableValue, parseVariables, toVariableDto, toVariableMapDto, variableData } from "./variables";
import { withErrorPrefix } from "./wrap";

export interface VariableScope {
  /** "process instance", "execution", "task": Camunda puts it into its messages. */
  label: string;
  /** Loads the scope (throws 404 when absent or invisible) and checks write permission when `write`. */
  check(req: Request, res: Response, id: string, write: boolean): Promise<void>;
  get(id: string, local: boolean): Promise<Record<string, VariableInstance>>;
  getOne(id: string, name: string, local: boolean): Promise<VariableInstance | null>;
  set(id: string, variables: VariableInput, local: boolean, userId: string | null): Promise<void>;
  remove(id: string, name: string, local: boolean, userId: string | null): Promise<void>;
  userId(res: Response): string | null;
}

/** Mounts the variable endpoints at `${base}/:id/${segment}` (segment: variables | localVariables). */
export function mountVariableRoutes(r: Router, base: string, segment: string, scope: VariableScope, local: boolean): void {
  const path = `${base}/:id/${segment}`;

  r.get(path, async (req, res) => {
    const { id } = req.params as { id: string };
    await scope.check(req, res, id, false);
    const q = Params.query(req.query);
    const vars = await scope.get(id, local);
    const names = q.list("variableNames");
    const selected = names ? Object.fromEntries(Object.entries(vars).filter(([n]) => names.includes(n))) : vars;
    sendJson(res, toVariableMapDto(selected, q.bool("deserializeValues") ?? true));
  });

  r.post(path, async (req, res) => {
    const { id } = req.params as { id: string };
    await scope.check(req, res, id, true);
    const body = Params.body(req.body);
    const { modifications, deletions } = await withErrorPrefix(`Cannot modify variables for ${scope.label} ${id}`, () => {
      const deletions = body.json("deletions");
      if (deletions !== undefined && deletions !== null && (!Array.isArray(deletions) || deletions.some((d) => typeof d !== "string"))) {
        throw badRequest("'deletions' must be an array of variable names");
      }
      return { modifications: parseVariables(body.json("modifications"), "modifications"), deletions: (deletions ?? []) as string[] };
    });
    const userId = scope.userId(res);
    if (modifications && Object.keys(modifications).length > 0) await scope.set(id, modifications, local, userId);
    for (const name of deletions) await scope.remove(id, name, local, userId);
    sendNoContent(res);
  });

  const missing = (name: string) => notFound(`${scope.label} variable with name ${name} does not exist`);

  r.get(`${path}/:name`, async (req, res) => {
    const { id, name } = req.params as { id: string; name: string };
    await scope.check(req, res, id, false);
    const v = await scope.getOne(id, name, local);
    if (!v) throw missing(name);
    sendJson(res, toVariableDto(v, Params.query(req.query).bool("deserializeValue") ?? true));
  });

  r.put(`${path}/:name`, async (req, res) => {
    const { id, name } = req.params as { id: string; name: string };
    await scope.check(req, res, id, true);
    const value = await withErrorPrefix(`Cannot put ${scope.label} variable ${name}`, () => parseVariableValue(name, req.body));
    await scope.set(id, { [name]: value }, local, scope.userId(res));
    sendNoContent(res);
  });

  r.delete(`${path}/:name`, async (req, res) => {
    const { id, name } = req.params as { id: string; name: string };
    await scope.check(req, res, id, true);
    await scope.remove(id, name, local, scope.userId(res));
    sendNoContent(res);
  });

  r.get(`${path}/:name/data`, async (req, res) => {
    const { id, name } = req.params as { id: string; name: string };
    await scope.check(req, res, id, false);
    const v = await scope.getOne(id, name, local);
    if (!v) throw missing(name);
    const data = variableData(v);
    if (!data) throw badRequest(`Value of variable with id ${v.id} is not a binary value.`);
    res.status(200);
    res.setHeader("Content-Type", data.encoding ? `${data.mimeType}; charset=${data.encoding}` : data.mimeType);
    if (data.filename) res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(data.filename)}`);
    res.send(data.content);
  });
}
