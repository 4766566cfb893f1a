// Server-side repositories for Jintu's own tables (prisma/schema/jintu.prisma), over engine/persistence's Db.
import type { Db } from "../../engine";
import type { Clock } from "../../engine";
import { AuditRepository } from "./audit";
import { FormRepository } from "./forms";
import { HolidayRepository } from "./holidays";
import { OpinionRepository } from "./opinions";
import { RegionRepository } from "./regions";
import { SessionRepository } from "./sessions";
import { UserRepository } from "./users";

export { AuditRepository, FormRepository, HolidayRepository, OpinionRepository, RegionRepository, SessionRepository, UserRepository };
export type { AuditEntry, AuditQuery } from "./audit";
export type { FormRecord } from "./forms";
export type { HolidayYearRecord } from "./holidays";
export type { OpinionRecord } from "./opinions";
export type { RegionNode, RegionRecord } from "./regions";
export type { SessionRecord } from "./sessions";
export type { UserRecord } from "./users";

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  regions: RegionRepository;
  forms: FormRepository;
  holidays: HolidayRepository;
  audit: AuditRepository;
  opinions: OpinionRepository;
}

export function createRepositories(db: Db, clock: Clock, options: { sessionTtlMs: number }): Repositories {
  return {
    users: new UserRepository(db, clock),
    sessions: new SessionRepository(db, clock, options.sessionTtlMs),
    regions: new RegionRepository(db),
    forms: new FormRepository(db, clock),
    holidays: new HolidayRepository(db, clock),
    audit: new AuditRepository(db),
    opinions: new OpinionRepository(db, clock),
  };
}
