// region: the administrative divisions Jintu knows (行政区划), as a tree by `parent`.
import type { Db, SqlValue } from "../../engine";
import { isWithin, NATIONAL, parentOf, tierOf } from "../authz/regionCodes";

export interface RegionRecord {
  code: string;
  name: string;
  nameEn: string | null;
  parent: string | null;
  tier: number;
}

export interface RegionNode extends RegionRecord {
  children: RegionNode[];
}

export class RegionRepository {
  private cache: RegionRecord[] | null = null;

  constructor(private readonly db: Db) {}

  async all(): Promise<RegionRecord[]> {
    if (!this.cache) {
      const rows = await this.db.all<{ code: string; name: string; name_en: string | null; parent: string | null; tier: number }>(
        `SELECT code, name, name_en, parent, tier FROM region ORDER BY code`);
      this.cache = rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, parent: r.parent, tier: Number(r.tier) }));
    }
    return this.cache;
  }

  async find(code: string): Promise<RegionRecord | null> {
    return (await this.all()).find((r) => r.code === code) ?? null;
  }

  /** Inserts missing regions, updates names of known ones (idempotent; used by seeding and loading). */
  async upsert(regions: { code: string; name: string; nameEn?: string | null; parent?: string | null }[]): Promise<number> {
    const known = new Map((await this.all()).map((r) => [r.code, r]));
    let changed = 0;
    const inserts: SqlValue[][] = [];
    await this.db.transaction(async (tx) => {
      for (const r of regions) {
        const parent = r.parent !== undefined ? r.parent : parentOf(r.code);
        const existing = known.get(r.code);
        if (!existing) {
          inserts.push([r.code, r.name, r.nameEn ?? null, parent, tierOf(r.code)]);
        } else if (existing.name !== r.name || (r.nameEn !== undefined && existing.nameEn !== r.nameEn)) {
          await tx.run(`UPDATE region SET name = ?, name_en = ? WHERE code = ?`, [r.name, r.nameEn ?? existing.nameEn, r.code]);
          changed++;
        }
      }
      // several hundred rows per statement: loading the 3,200 divisions takes one round trip per batch
      for (let i = 0; i < inserts.length; i += 500) {
        const batch = inserts.slice(i, i + 500);
        await tx.run(`INSERT INTO region (code, name, name_en, parent, tier) VALUES ${batch.map(() => "(?, ?, ?, ?, ?)").join(", ")}`, batch.flat());
        changed += batch.length;
      }
    });
    this.cache = null;
    return changed;
  }

  /** Every known region code at or below the given regions (for visibleTenants). */
  async codesWithin(ancestors: string[]): Promise<string[]> {
    const codes = new Set(ancestors);
    for (const r of await this.all()) if (ancestors.some((a) => isWithin(r.code, a))) codes.add(r.code);
    return [...codes].sort();
  }

  /** The tree under `root` (default: the whole country). */
  async tree(root: string = NATIONAL): Promise<RegionNode | null> {
    const all = await this.all();
    const nodes = new Map<string, RegionNode>(all.map((r) => [r.code, { ...r, children: [] }]));
    for (const node of nodes.values()) {
      if (node.parent && nodes.has(node.parent) && node.code !== node.parent) nodes.get(node.parent)!.children.push(node);
    }
    return nodes.get(root) ?? null;
  }
}
