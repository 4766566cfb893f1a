// Test helpers: a fresh engine on a fresh database per test file. SQLite by default; when
// JINTU_TEST_DATABASE_URL points at a PostgreSQL server, a new database is created there for each call.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { randomUUID } from "node:crypto";
import type { Engine, EngineOptions } from "../api";
import { createEngine } from "../engine";

export async function freshDatabaseUrl(): Promise<string> {
  const base = process.env.JINTU_TEST_DATABASE_URL;
  if (base && /^postgres/.test(base)) {
    const name = `jintu_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const u = new URL(base);
    u.pathname = "/" + name;
    return u.toString();
  }
  return "file:" + path.join(mkdtempSync(path.join(tmpdir(), "jintu-")), "test.db");
}

export async function testEngine(options: Omit<EngineOptions, "databaseUrl"> = {}): Promise<Engine> {
  return createEngine({ databaseUrl: await freshDatabaseUrl(), ...options });
}

/** A minimal BPMN document around process content (for small unit-test models). */
export function bpmn(processId: string, body: string, extra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  ${extra}
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}
