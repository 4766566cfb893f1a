// 数据交换包: what the province sends to the ministry — the confirmed figures with a SHA-256 checksum over
// their canonical JSON (keys sorted), so the receiver can verify nothing changed on the way.
import { createHash } from "node:crypto";
import { INDICATORS } from "./validation";

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function buildSubmissionPackage(v: Record<string, unknown>) {
  const pkg = {
    format: "jintu-statistics/1",
    reportType: String(v.reportType), reportPeriod: String(v.reportPeriod), countyCode: String(v.countyCode),
    indicators: Object.fromEntries(INDICATORS.map((k) => [k, v[k]])),
    confirmedBy: v.confirmedBy ?? null,
  };
  const checksum = createHash("sha256").update(canonicalJson(pkg)).digest("hex");
  return { submissionPackage: pkg, submissionChecksum: checksum, submissionId: `ZB-${pkg.countyCode}-${pkg.reportPeriod}-${checksum.slice(0, 8)}` };
}
