import { describe, expect, it } from "vitest";
import { formatDate, parseDate } from "./dates";

describe("Camunda REST dates", () => {
  it("formats like Camunda, in UTC with +0000", () => {
    expect(formatDate(new Date(Date.UTC(2026, 10, 25, 9, 30, 0, 0)))).toBe("2026-11-25T09:30:00.000+0000");
    expect(formatDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 67)))).toBe("2026-01-02T03:04:05.067+0000");
    expect(formatDate(null)).toBeNull();
  });

  it("parses Camunda's format with any RFC 822 offset", () => {
    expect(parseDate("2026-11-25T09:30:00.000+0000")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseDate("2026-11-25T17:30:00.000+0800")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseDate("2026-11-25T04:00:00.000-0530")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
  });

  it("accepts the ISO 8601 forms JavaScript clients send", () => {
    expect(parseDate("2026-11-25T09:30:00.000Z")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseDate("2026-11-25T17:30:00+08:00")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseDate("2026-11-25T09:30:00")?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
  });

  it("round-trips", () => {
    const d = new Date(Date.UTC(2031, 5, 30, 23, 59, 59, 999));
    expect(parseDate(formatDate(d)!)?.getTime()).toBe(d.getTime());
  });

  it("rejects what is not a date", () => {
    for (const bad of ["", "tomorrow", "2026-11-25", "2026-02-31T00:00:00.000+0000", "2026-13-01T00:00:00.000+0000", "2026-11-25T25:00:00.000+0000", "2026-11-25T09:30:00.000+2500"]) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });
});
