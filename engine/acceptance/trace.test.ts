// The trace loader must reject malformed traces, or a typo would silently check nothing.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { durationMs, loadTraces, validateTrace, type Trace } from "./trace";

const base = (steps: Trace["steps"]): Trace => ({ model: "m.bpmn", processKey: "k", description: "d", steps, file: "m.trace.json" });
const deploy = { action: "deploy", files: ["m.bpmn"] };

describe("trace format", () => {
  test("every committed trace loads and validates", () => {
    const traces = loadTraces(path.join(path.dirname(fileURLToPath(import.meta.url)), "models"));
    expect(traces.length).toBeGreaterThanOrEqual(28);
  });

  test("rejects unknown actions, parameters and expectations", () => {
    expect(() => validateTrace(base([deploy, { action: "complete", taskDefinitionKey: "a" }]))).toThrow(/step 2: unknown action "complete"/);
    expect(() => validateTrace(base([deploy, { action: "start", key: "k", bizKey: "x" }]))).toThrow(/unknown parameter "bizKey"/);
    expect(() => validateTrace(base([deploy, { action: "noop", expect: { task: [] } as never }]))).toThrow(/unknown expectation "task"/);
    expect(() => validateTrace(base([deploy, { action: "signal" }]))).toThrow(/missing "name"/);
    expect(() => validateTrace(base([{ action: "noop" }]))).toThrow(/no deploy step deploys m.bpmn/);
  });

  test("ISO durations", () => {
    expect(durationMs("PT72H")).toBe(72 * 3600_000);
    expect(durationMs("P5D")).toBe(5 * 86_400_000);
    expect(durationMs("P1DT2H30M15S")).toBe(86_400_000 + 2 * 3600_000 + 30 * 60_000 + 15_000);
    expect(() => durationMs("P1M")).toThrow(/unsupported/);
    expect(() => durationMs("PT")).toThrow(/unsupported/);
  });
});
