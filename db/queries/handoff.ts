import { aliasedTable, and, asc, count, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { HistoryFact, SheetAction, SheetNote, SheetResident } from '../../shared/domain/handoff/rows';
import type { HandoffTemplate, IllnessSeverity } from '../../shared/domain/handoff/vocabulary';
import { changedClinicalFields } from '../../shared/domain/residents/clinical';
import type { AllergyItem } from '../../shared/domain/residents/allergies';
import type { ResidentStatus } from '../../shared/domain/residents/vocabulary';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

/** Census statuses: who is on a unit's sheet (hospital and leave keep their bed). */
const ON_CENSUS = ['active', 'hospital', 'leave'] as const;
/** Lists of ids are bound in chunks: well under either engine's limit on parameters. */
const CHUNK = 500;

async function chunked<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

export interface NoteFields {
  template: HandoffTemplate;
  severity: IllnessSeverity | null;
  summary: string | null;
  awareness: string | null;
  situation: string | null;
  background: string | null;
  assessment: string | null;
  recommendation: string | null;
}

export interface NoteRow extends NoteFields {
  id: number;
  residentId: number;
  shiftDate: string;
  shiftId: number;
  updatedAt: string;
  updatedByName: string | null;
  version: number;
}

export interface ActionRow extends SheetAction {
  residentId: number;
  createdShiftDate: string;
  createdShiftId: number;
  createdAt: string;
  createdByName: string | null;
  doneAt: string | null;
  doneByName: string | null;
  version: number;
}

export interface SheetVersionRow {
  id: number;
  unitId: number;
  shiftDate: string;
  shiftId: number;
  hash: string;
  residents: number;
  createdAt: string;
  lastPrintedAt: string | null;
  /** Latest acknowledgment of this version, if any. */
  lastAckAt: string | null;
}

export interface AckRow {
  id: number;
  sheetId: number;
  hash: string;
  byId: number;
  byName: string;
  at: string;
  synthesis: string | null;
}

export function handoffQueries(env: QueryEnv) {
  const { residents, beds, rooms, units, residentAllergies, residentStatusPeriods, residentBedAssignments, auditLog, users, handoffNotes, handoffActions, handoffSheets, handoffAcks, staff } = env.t;
  const updater = aliasedTable(users, 'updater');
  const creator = aliasedTable(users, 'creator');
  const doer = aliasedTable(users, 'doer');

  const noteColumns = {
    id: handoffNotes.id,
    residentId: handoffNotes.residentId,
    shiftDate: handoffNotes.shiftDate,
    shiftId: handoffNotes.shiftId,
    template: handoffNotes.template,
    severity: handoffNotes.severity,
    summary: handoffNotes.summary,
    awareness: handoffNotes.awareness,
    situation: handoffNotes.situation,
    background: handoffNotes.background,
    assessment: handoffNotes.assessment,
    recommendation: handoffNotes.recommendation,
    updatedAt: handoffNotes.updatedAt,
    updatedByName: updater.displayName,
    version: handoffNotes.version,
  };

  const actionColumns = {
    id: handoffActions.id,
    residentId: handoffActions.residentId,
    text: handoffActions.text,
    owner: handoffActions.owner,
    dueDate: handoffActions.dueDate,
    dueTime: handoffActions.dueTime,
    createdShiftDate: handoffActions.createdShiftDate,
    createdShiftId: handoffActions.createdShiftId,
    createdAt: handoffActions.createdAt,
    createdByName: creator.displayName,
    doneAt: handoffActions.doneAt,
    doneByName: doer.displayName,
    version: handoffActions.version,
  };

  const selectActions = () =>
    env.db().select(actionColumns).from(handoffActions).leftJoin(creator, eq(creator.id, handoffActions.createdBy)).leftJoin(doer, eq(doer.id, handoffActions.doneBy));

  /**
   * Residents on the census in room order (unit order, door order of rooms, bed), with every
   * clinical field as stored: the row builder treats NULL as "Not assessed".
   */
  async function sheetResidents(scope: { unitId: number } | { residentIds: readonly number[] }): Promise<SheetResident[]> {
    const select = (where: ReturnType<typeof and>) =>
      env
        .db()
        .select({
          id: residents.id,
          recordNumber: residents.recordNumber,
          legalGiven: residents.legalGiven,
          legalFamily: residents.legalFamily,
          preferredName: residents.preferredName,
          dateOfBirth: residents.dateOfBirth,
          status: residents.status,
          statusSince: residents.statusSince,
          admittedOn: residents.admittedOn,
          unitId: units.id,
          unitName: units.name,
          roomLabel: rooms.label,
          bedLabel: beds.label,
          codeStatus: residents.codeStatus,
          allergyState: residents.allergyState,
          allergyRecordedOn: residents.allergyRecordedOn,
          dietType: residents.dietType,
          dietNote: residents.dietNote,
          iddsiFood: residents.iddsiFood,
          iddsiDrink: residents.iddsiDrink,
          transfer: residents.transfer,
          aid: residents.aid,
          bariatric: residents.bariatric,
          fallRisk: residents.fallRisk,
          wanderingRisk: residents.wanderingRisk,
          isolation: residents.isolation,
          locationKey: residents.locationKey,
        })
        .from(residents)
        .innerJoin(beds, eq(beds.id, residents.bedId))
        .innerJoin(rooms, eq(rooms.id, beds.roomId))
        .innerJoin(units, eq(units.id, rooms.unitId))
        .where(and(inArray(residents.status, [...ON_CENSUS]), where))
        .orderBy(env.d.binaryOrder(residents.locationKey), asc(residents.id));
    const raw = 'unitId' in scope ? await select(eq(units.id, scope.unitId)) : await chunked(scope.residentIds, (ids) => select(inArray(residents.id, ids)));
    // Chunks each come sorted; the whole set is put in room order once more.
    if (!('unitId' in scope)) raw.sort((a, b) => (a.locationKey! < b.locationKey! ? -1 : a.locationKey! > b.locationKey! ? 1 : a.id - b.id));
    const items = await allergyItems(raw.filter((r) => r.allergyState === 'listed').map((r) => r.id));
    return raw.map((r) => ({
      id: r.id,
      recordNumber: r.recordNumber,
      legalGiven: r.legalGiven,
      legalFamily: r.legalFamily,
      preferredName: r.preferredName,
      dateOfBirth: r.dateOfBirth,
      status: r.status,
      statusSince: r.statusSince,
      admittedOn: r.admittedOn,
      place: { unitId: r.unitId, unitName: r.unitName, roomLabel: r.roomLabel, bedLabel: r.bedLabel },
      codeStatus: r.codeStatus,
      allergies:
        r.allergyState === 'listed'
          ? { state: 'listed', items: items.get(r.id) ?? [] }
          : r.allergyState === 'nka'
            ? { state: 'nka', recordedOn: r.allergyRecordedOn }
            : r.allergyState === 'not_recorded'
              ? { state: 'not_recorded' }
              : null,
      dietType: r.dietType,
      dietNote: r.dietNote,
      iddsiFood: r.iddsiFood,
      iddsiDrink: r.iddsiDrink,
      transfer: r.transfer,
      aid: r.aid,
      bariatric: r.bariatric,
      fallRisk: r.fallRisk,
      wanderingRisk: r.wanderingRisk,
      isolation: r.isolation,
    }));
  }

  async function allergyItems(ids: readonly number[]): Promise<Map<number, AllergyItem[]>> {
    const rows = await chunked(ids, (chunk) =>
      env
        .db()
        .select({ residentId: residentAllergies.residentId, substance: residentAllergies.substance, reaction: residentAllergies.reaction, severity: residentAllergies.severity })
        .from(residentAllergies)
        .where(inArray(residentAllergies.residentId, chunk))
        .orderBy(asc(residentAllergies.residentId), asc(residentAllergies.position)),
    );
    const out = new Map<number, AllergyItem[]>();
    for (const { residentId, ...item } of rows) {
      const list = out.get(residentId);
      if (list) list.push(item);
      else out.set(residentId, [item]);
    }
    return out;
  }

  return {
    sheetResidents,

    /** The unit a user's own staff record belongs to, for their Today board; null when none is linked. */
    async unitOfUser(userId: number): Promise<number | null> {
      return (await first(env.db().select({ unitId: staff.unitId }).from(staff).where(and(eq(staff.userId, userId), eq(staff.active, true)))))?.unitId ?? null;
    },

    /** Residents on the census per unit id. */
    async censusByUnit(): Promise<Map<number, number>> {
      const rows = await env
        .db()
        .select({ unitId: rooms.unitId, n: count() })
        .from(residents)
        .innerJoin(beds, eq(beds.id, residents.bedId))
        .innerJoin(rooms, eq(rooms.id, beds.roomId))
        .where(inArray(residents.status, [...ON_CENSUS]))
        .groupBy(rooms.unitId);
      return new Map(rows.map((r) => [r.unitId, Number(r.n)]));
    },

    /** Residents on the census of any unit, for the counts on the Today board: unit and status. */
    async awayFromUnits(): Promise<{ id: number; unitId: number; status: 'hospital' | 'leave'; statusSince: string; legalGiven: string; legalFamily: string; preferredName: string | null; dateOfBirth: string; roomLabel: string; bedLabel: string }[]> {
      const rows = await env
        .db()
        .select({
          id: residents.id,
          unitId: rooms.unitId,
          status: residents.status,
          statusSince: residents.statusSince,
          legalGiven: residents.legalGiven,
          legalFamily: residents.legalFamily,
          preferredName: residents.preferredName,
          dateOfBirth: residents.dateOfBirth,
          roomLabel: rooms.label,
          bedLabel: beds.label,
        })
        .from(residents)
        .innerJoin(beds, eq(beds.id, residents.bedId))
        .innerJoin(rooms, eq(rooms.id, beds.roomId))
        .where(inArray(residents.status, ['hospital', 'leave']))
        .orderBy(env.d.binaryOrder(residents.locationKey), asc(residents.id));
      return rows.map((r) => ({ ...r, status: r.status === 'hospital' ? 'hospital' : 'leave' }));
    },

    // ── notes

    async notesFor(residentIds: readonly number[], shiftDate: string, shiftId: number): Promise<Map<number, NoteRow>> {
      const rows = await chunked(residentIds, (chunk) =>
        env
          .db()
          .select(noteColumns)
          .from(handoffNotes)
          .leftJoin(updater, eq(updater.id, handoffNotes.updatedBy))
          .where(and(eq(handoffNotes.shiftDate, shiftDate), eq(handoffNotes.shiftId, shiftId), inArray(handoffNotes.residentId, chunk))),
      );
      return new Map(rows.map((r) => [r.residentId, r]));
    },

    note(residentId: number, shiftDate: string, shiftId: number): Promise<NoteRow | undefined> {
      return first(
        env
          .db()
          .select(noteColumns)
          .from(handoffNotes)
          .leftJoin(updater, eq(updater.id, handoffNotes.updatedBy))
          .where(and(eq(handoffNotes.residentId, residentId), eq(handoffNotes.shiftDate, shiftDate), eq(handoffNotes.shiftId, shiftId))),
      );
    },

    async insertNote(key: { residentId: number; shiftDate: string; shiftId: number }, f: NoteFields, at: string, by: number | null): Promise<void> {
      await env
        .db()
        .insert(handoffNotes)
        .values({ ...key, ...f, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
    },

    /** Writes over the version the writer read; false when a newer one was saved meanwhile (nothing written). */
    async updateNote(id: number, f: NoteFields, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const done = await env
        .db()
        .update(handoffNotes)
        .set({ ...f, updatedAt: at, updatedBy: by, version: sql`${handoffNotes.version} + 1` })
        .where(and(eq(handoffNotes.id, id), eq(handoffNotes.version, expectedVersion)))
        .returning({ id: handoffNotes.id });
      return done.length === 1;
    },

    // ── actions

    /** Open actions (not done), oldest first, per resident. */
    async openActions(residentIds: readonly number[]): Promise<Map<number, ActionRow[]>> {
      const rows = await chunked(residentIds, (chunk) =>
        selectActions()
          .where(and(isNull(handoffActions.doneAt), inArray(handoffActions.residentId, chunk)))
          .orderBy(asc(handoffActions.residentId), asc(handoffActions.id)),
      );
      const out = new Map<number, ActionRow[]>();
      for (const r of rows) {
        const list = out.get(r.residentId);
        if (list) list.push(r);
        else out.set(r.residentId, [r]);
      }
      return out;
    },

    action(id: number): Promise<ActionRow | undefined> {
      return first(selectActions().where(eq(handoffActions.id, id)));
    },

    async insertAction(a: { residentId: number; text: string; owner: string | null; dueDate: string | null; dueTime: string | null; shiftDate: string; shiftId: number }, at: string, by: number | null): Promise<number> {
      const rows = await env
        .db()
        .insert(handoffActions)
        .values({ residentId: a.residentId, text: a.text, owner: a.owner, dueDate: a.dueDate, dueTime: a.dueTime, createdShiftDate: a.shiftDate, createdShiftId: a.shiftId, createdAt: at, createdBy: by })
        .returning({ id: handoffActions.id });
      return rows[0]!.id;
    },

    async completeAction(id: number, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const done = await env
        .db()
        .update(handoffActions)
        .set({ doneAt: at, doneBy: by, version: sql`${handoffActions.version} + 1` })
        .where(and(eq(handoffActions.id, id), eq(handoffActions.version, expectedVersion), isNull(handoffActions.doneAt)))
        .returning({ id: handoffActions.id });
      return done.length === 1;
    },

    // ── history: the last 24 hours

    /**
     * What happened to these residents between `since` and `until` (instants): status periods and
     * room moves as the history tables recorded them, and clinical fields changed, from the audit trail.
     * A status or move recorded in the window but dated before `sinceDate` (a stay entered
     * afterwards) is history, not an event of the last 24 hours.
     */
    async history(residentIds: readonly number[], since: string, until: string, sinceDate: string): Promise<HistoryFact[]> {
      if (residentIds.length === 0) return [];
      const wanted = new Set(residentIds);
      // Table-qualified by hand: inside a subquery drizzle may print a column of the outer table unqualified.
      const previousStatus = sql<string | null>`(SELECT p2.status FROM resident_status_periods p2 WHERE p2.resident_id = resident_status_periods.resident_id AND p2.id < resident_status_periods.id ORDER BY p2.id DESC LIMIT 1)`;
      const periods = await env
        .db()
        .select({ residentId: residentStatusPeriods.residentId, at: residentStatusPeriods.createdAt, status: residentStatusPeriods.status, fromDate: residentStatusPeriods.fromDate, previous: previousStatus })
        .from(residentStatusPeriods)
        .where(and(gte(residentStatusPeriods.createdAt, since), lte(residentStatusPeriods.createdAt, until), gte(residentStatusPeriods.fromDate, sinceDate)));
      const placeOf = (bedColumn: string) =>
        `(SELECT u.name || ' · ' || rm.label || '-' || b.label FROM beds b JOIN rooms rm ON rm.id = b.room_id JOIN units u ON u.id = rm.unit_id WHERE b.id = ${bedColumn})`;
      const moves = await env
        .db()
        .select({
          residentId: residentBedAssignments.residentId,
          at: residentBedAssignments.createdAt,
          fromDate: residentBedAssignments.fromDate,
          to: sql<string | null>`${sql.raw(placeOf('resident_bed_assignments.bed_id'))}`,
          from: sql<string | null>`(SELECT ${sql.raw(placeOf('a2.bed_id'))} FROM resident_bed_assignments a2 WHERE a2.resident_id = resident_bed_assignments.resident_id AND a2.id < resident_bed_assignments.id ORDER BY a2.id DESC LIMIT 1)`,
        })
        .from(residentBedAssignments)
        .where(and(eq(residentBedAssignments.reason, 'transfer'), gte(residentBedAssignments.createdAt, since), lte(residentBedAssignments.createdAt, until), gte(residentBedAssignments.fromDate, sinceDate)));
      const audits = await env
        .db()
        .select({ entityId: auditLog.entityId, at: auditLog.at, beforeJson: auditLog.beforeJson, afterJson: auditLog.afterJson })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'resident'), eq(auditLog.method, 'residents.update'), gte(auditLog.at, since), lte(auditLog.at, until)));
      const out: HistoryFact[] = [];
      for (const p of periods) {
        if (wanted.has(p.residentId)) out.push({ kind: 'status', residentId: p.residentId, at: p.at, status: p.status, previous: (p.previous as ResidentStatus | null) ?? null, fromDate: p.fromDate });
      }
      for (const m of moves) if (wanted.has(m.residentId)) out.push({ kind: 'move', residentId: m.residentId, at: m.at, from: m.from, to: m.to, fromDate: m.fromDate });
      for (const a of audits) {
        const id = Number(a.entityId);
        if (!wanted.has(id) || a.beforeJson === null || a.afterJson === null) continue;
        const fields = changedClinicalFields(JSON.parse(a.beforeJson) as Record<string, unknown>, JSON.parse(a.afterJson) as Record<string, unknown>);
        if (fields.length > 0) out.push({ kind: 'clinical', residentId: id, at: a.at, fields });
      }
      return out;
    },

    // ── sheet versions and acknowledgments

    async sheetVersion(unitId: number, shiftDate: string, shiftId: number, hash: string): Promise<{ id: number } | undefined> {
      return first(
        env
          .db()
          .select({ id: handoffSheets.id })
          .from(handoffSheets)
          .where(and(eq(handoffSheets.unitId, unitId), eq(handoffSheets.shiftDate, shiftDate), eq(handoffSheets.shiftId, shiftId), eq(handoffSheets.hash, hash))),
      );
    },

    async insertSheetVersion(v: { unitId: number; shiftDate: string; shiftId: number; hash: string; contentJson: string; residents: number; at: string; by: number | null; printed: boolean }): Promise<number> {
      const rows = await env
        .db()
        .insert(handoffSheets)
        .values({ unitId: v.unitId, shiftDate: v.shiftDate, shiftId: v.shiftId, hash: v.hash, contentJson: v.contentJson, residents: v.residents, createdAt: v.at, createdBy: v.by, lastPrintedAt: v.printed ? v.at : null })
        .returning({ id: handoffSheets.id });
      return rows[0]!.id;
    },

    async markPrinted(id: number, at: string): Promise<void> {
      await env.db().update(handoffSheets).set({ lastPrintedAt: at }).where(eq(handoffSheets.id, id));
    },

    /** Versions of a unit's sheets for shifts between two dates (inclusive), with when each was last acknowledged. */
    async sheetVersions(unitId: number, fromDate: string, toDate: string): Promise<SheetVersionRow[]> {
      return await env
        .db()
        .select({
          id: handoffSheets.id,
          unitId: handoffSheets.unitId,
          shiftDate: handoffSheets.shiftDate,
          shiftId: handoffSheets.shiftId,
          hash: handoffSheets.hash,
          residents: handoffSheets.residents,
          createdAt: handoffSheets.createdAt,
          lastPrintedAt: handoffSheets.lastPrintedAt,
          lastAckAt: sql<string | null>`(SELECT max(a.acknowledged_at) FROM handoff_acks a WHERE a.sheet_id = ${handoffSheets.id})`,
        })
        .from(handoffSheets)
        .where(and(eq(handoffSheets.unitId, unitId), gte(handoffSheets.shiftDate, fromDate), lte(handoffSheets.shiftDate, toDate)))
        .orderBy(desc(handoffSheets.id));
    },

    async sheetContent(id: number): Promise<string | undefined> {
      return (await first(env.db().select({ c: handoffSheets.contentJson }).from(handoffSheets).where(eq(handoffSheets.id, id))))?.c;
    },

    /** Acknowledgments of a unit's sheet for one shift, latest first. */
    async acks(unitId: number, shiftDate: string, shiftId: number): Promise<AckRow[]> {
      return await env
        .db()
        .select({ id: handoffAcks.id, sheetId: handoffAcks.sheetId, hash: handoffSheets.hash, byId: handoffAcks.acknowledgedBy, byName: users.displayName, at: handoffAcks.acknowledgedAt, synthesis: handoffAcks.synthesis })
        .from(handoffAcks)
        .innerJoin(handoffSheets, eq(handoffSheets.id, handoffAcks.sheetId))
        .innerJoin(users, eq(users.id, handoffAcks.acknowledgedBy))
        .where(and(eq(handoffSheets.unitId, unitId), eq(handoffSheets.shiftDate, shiftDate), eq(handoffSheets.shiftId, shiftId)))
        .orderBy(desc(handoffAcks.id));
    },

    async insertAck(a: { sheetId: number; by: number; at: string; synthesis: string | null }): Promise<number> {
      const rows = await env.db().insert(handoffAcks).values({ sheetId: a.sheetId, acknowledgedBy: a.by, acknowledgedAt: a.at, synthesis: a.synthesis }).returning({ id: handoffAcks.id });
      return rows[0]!.id;
    },
  };
}
export type HandoffQueries = ReturnType<typeof handoffQueries>;
export type { SheetNote };
