// Camunda's REST date format, `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (e.g. 2026-11-25T09:30:00.000+0000).
// Out: always UTC with "+0000", so every client parses the same instant whatever the server's zone.
// In: Camunda's format with any RFC 822 offset; also "Z" / "+08:00" (ISO 8601, as JavaScript writes
// dates) and no offset at all (read as UTC), because clients built on Date.toISOString() send those.

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatDate(date: Date | null | undefined): string | null {
  if (!date) return null;
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return null;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses a REST date; null when the text is not a date in one of the accepted forms. */
export function parseDate(text: string): Date | null {
  const m = DATE_PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const millis = ms ? Number(ms.padEnd(3, "0")) : 0;
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const result = new Date(utc);
  // Reject dates that JavaScript silently rolled over (2026-02-31 → March 3).
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  return result;
}
