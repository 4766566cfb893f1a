// Test support (not shipped to routes): a real engine on a fresh SQLite file behind this router, an HTTP
// server on a random port, and small helpers to call it. Used by the *.test.ts files of this folder.
import express from "express";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createEngine } from "../../engine";
import type { Engine } from "../../engine";
import type { Principal } from "../principal";
import { createEngineRestRouter, type EngineRestOptions } from "./index";

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RestServer {
  engine: Engine;
  /** …/engine-rest */
  url: string;
  call<T = any>(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult<T>>;
  /** As `user` (a key of the principals given to startRestServer). */
  as(user: string): { call<T = any>(method: string, p: string, body?: unknown): Promise<CallResult<T>> };
  deploy(name: string, xml: string, options?: { tenantId?: string; user?: string }): Promise<CallResult>;
  close(): Promise<void>;
}

export function testPrincipal(userId: string, fields: Partial<Omit<Principal, "userId" | "can">> & { canDo?: (o: string, a: string, r: string) => boolean } = {}): Principal {
  const { canDo, ...rest } = fields;
  return {
    userId,
    displayName: userId,
    groups: [],
    regions: [],
    isAdmin: false,
    visibleTenants: [],
    ...rest,
    can: async (o, a, r) => (canDo ? canDo(o, a, r) : false),
  };
}

export async function startRestServer(options: EngineRestOptions & { principals?: Record<string, Principal> } = {}): Promise<RestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "jintu-engine-rest-"));
  const engine = await createEngine({ databaseUrl: `file:${path.join(dir, "engine.db")}` });
  const { principals, ...routerOptions } = options;
  const app = express();
  if (principals) {
    // Stands in for server/auth: the header names the test user.
    app.use((req, res, next) => {
      const user = req.header("x-test-user");
      if (user && principals[user]) res.locals.principal = principals[user];
      next();
    });
  }
  app.use("/engine-rest", createEngineRestRouter({ engine, authorize: principals ? true : false, ...routerOptions }));
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;

  async function call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      if (typeof body === "string" || body instanceof FormData) init.body = body as BodyInit;
      else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)["content-type"] = "application/json";
      }
    }
    const res = await fetch(url + p, init);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get("content-type") ?? "").startsWith("application/json") && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  return {
    engine,
    url,
    call,
    as: (user) => ({ call: (method, p, body) => call(method, p, body, { "x-test-user": user }) }),
    deploy: (name, xml, opts = {}) => {
      const form = new FormData();
      form.append("deployment-name", name);
      form.append("deployment-source", "test");
      if (opts.tenantId) form.append("tenant-id", opts.tenantId);
      form.append(`${name}.bpmn`, new Blob([xml], { type: "text/xml" }), `${name}.bpmn`);
      return call("POST", "/deployment/create", form, opts.user ? { "x-test-user": opts.user } : {});
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value (workers run asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A minimal BPMN document around some process content (no diagram: the engine does not need one). */
export function bpmn(processId: string, body: string, extra = "", name = processId): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true" camunda:historyTimeToLive="180">
${body}
  </bpmn:process>
${extra}
</bpmn:definitions>`;
}

/** start → external task (topic) → user task "review" → end; a BPMN error `errorCode` on the external task
 *  leads to user task "manualCheck". */
export function externalTaskProcess(processId: string, topic: string, errorCode = "E_PARCEL_OVERLAP"): string {
  return bpmn(
    processId,
    `    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="图斑叠加分析" camunda:type="external" camunda:topic="${topic}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="review" />
    <bpmn:userTask id="review" name="审批"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:boundaryEvent id="onError" attachedToRef="work"><bpmn:outgoing>f4</bpmn:outgoing><bpmn:errorEventDefinition id="ed1" errorRef="err1" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="onError" targetRef="manualCheck" />
    <bpmn:userTask id="manualCheck" name="人工核查"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f5" sourceRef="manualCheck" targetRef="end2" />
    <bpmn:endEvent id="end2"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>`,
    `  <bpmn:error id="err1" name="占用基本农田" errorCode="${errorCode}" />`,
  );
}

/** start → user task "approve" (assignee, candidate group, due date and priority from variables) → end. */
export function userTaskProcess(processId: string): string {
  return bpmn(
    processId,
    `    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <bpmn:userTask id="approve" name="\${taskName}" camunda:assignee="\${assignee}" camunda:candidateGroups="\${group}" camunda:dueDate="\${due}" camunda:priority="\${priority}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>`,
  );
}

/** start → message catch `messageName` → user task "afterMessage" → end. */
export function messageProcess(processId: string, messageName: string): string {
  return bpmn(
    processId,
    `    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition id="md" messageRef="msg" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="afterMessage" />
    <bpmn:userTask id="afterMessage" name="审查"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="afterMessage" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>`,
    `  <bpmn:message id="msg" name="${messageName}" />`,
  );
}
