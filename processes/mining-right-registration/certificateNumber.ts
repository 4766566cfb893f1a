// 许可证号: T (勘查许可证) or C (采矿许可证) + the registering region (6 digits) + year + a 4-digit sequence
// per prefix, region and year. A simplified form of the national numbering; the sequence comes from the
// numbers already issued (read from history by the worker).
export function nextCertificateNumber(rightType: "exploration" | "mining", registrationRegion: string, year: number, issued: string[]): string {
  if (rightType !== "exploration" && rightType !== "mining") throw new Error(`unknown right type '${String(rightType)}'`);
  if (!/^\d{6}$/.test(registrationRegion)) throw new Error(`registration region '${registrationRegion}' is not a region code`);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`year ${year} is out of range`);
  const prefix = `${rightType === "exploration" ? "T" : "C"}${registrationRegion}${year}`;
  const used = issued.filter((n) => n.startsWith(prefix) && n.length === prefix.length + 4).map((n) => Number(n.slice(prefix.length)));
  const next = (used.length ? Math.max(...used) : 0) + 1;
  if (next > 9999) throw new Error(`no certificate numbers left for ${prefix}`);
  return `${prefix}${String(next).padStart(4, "0")}`;
}
