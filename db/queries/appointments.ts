import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { seriesBounds, type OccurrenceOverride, type Series } from '../../shared/domain/appointments/recurrence';
import type { AppointmentSetting, AppointmentStatus, AppointmentType, PreparationItem } from '../../shared/domain/appointments/vocabulary';
import type { StatusPeriod } from '../../shared/domain/residents/timeline';
import type { QueryEnv } from '../engine/types';
import { liveBookingExistsSql } from './transport';
import { bool, first } from './util';

/** Lists of ids are bound in chunks: well under either engine's limit on parameters. */
const CHUNK = 500;

/** The details an appointment and a series share. */
export interface AppointmentDetailsRow {
  residentId: number;
  type: AppointmentType;
  setting: AppointmentSetting;
  providerId: number | null;
  providerName: string | null;
  locationName: string | null;
  address: string | null;
  phone: string | null;
  preparationItems: PreparationItem[];
  preparationNote: string | null;
  escortNeeded: boolean;
}

/** A list row as stored (one-off or touched occurrence), with the resident and their place. */
export interface PageRow {
  id: number;
  seriesId: number | null;
  occurrenceLocal: string | null;
  residentId: number;
  residentName: string;
  recordNumber: string;
  unitId: number | null;
  unitName: string | null;
  roomLabel: string | null;
  bedLabel: string | null;
  type: AppointmentType;
  setting: AppointmentSetting;
  providerName: string | null;
  locationName: string | null;
  startAt: string;
  endAt: string;
  startLocal: string;
  endLocal: string;
  startFold: 'earlier' | 'later' | null;
  status: AppointmentStatus;
  escortNeeded: boolean;
  /** Has a live transport booking (transport's bookings; the old manual flag is no longer read). */
  transportArranged: boolean;
  preparationItems: PreparationItem[];
  familyInformedAt: string | null;
  newOrders: boolean;
  followUpDue: string | null;
  followedUpAt: string | null;
  version: number;
}

export interface PageFilter {
  fromAt: string;
  toAt: string;
  type: AppointmentType | null;
  status: AppointmentStatus | null;
  unitId: number | null;
  residentId: number | null;
  needsTransport: boolean;
  followUpDue: boolean;
  familyNotInformed: boolean;
  /** For "needs transport" (not started yet) and "family not informed" ([now, soon)). */
  nowAt: string;
  soonAt: string;
}

const PAGE_COLUMNS = `a.id, a.series_id, a.occurrence_local, a.resident_id, r.legal_family, r.legal_given, r.preferred_name, r.record_number,
  u.id, u.name, rm.label, b.label, a.type, a.setting, a.provider_name, a.location_name, a.start_at, a.end_at, a.start_local, a.end_local,
  a.start_fold, a.status, a.escort_needed, ${liveBookingExistsSql('a.id')}, a.preparation_items, a.family_informed_at, a.new_orders, a.follow_up_due,
  a.followed_up_at, a.version`;

// `+a.resident_id`: the day's rows are found by start time, then joined to their resident; without
// it SQLite may walk every resident's appointments through (resident_id, start_at) instead.
const PAGE_FROM = `FROM appointments a
  JOIN residents r ON r.id = +a.resident_id
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id
  LEFT JOIN units u ON u.id = rm.unit_id`;

// One statement for every filter combination: a NULL (or 0) parameter switches its condition off.
// Typed parameters: PostgreSQL cannot infer a type for a parameter it first meets in `IS NULL`.
const PAGE_WHERE = `WHERE a.start_at >= CAST(@fromAt AS TEXT) AND a.start_at < CAST(@toAt AS TEXT)
  AND (CAST(@type AS TEXT) IS NULL OR a.type = CAST(@type AS TEXT))
  AND (CAST(@status AS TEXT) IS NULL OR a.status = CAST(@status AS TEXT))
  AND (CAST(@unitId AS INTEGER) IS NULL OR rm.unit_id = CAST(@unitId AS INTEGER))
  AND (CAST(@residentId AS INTEGER) IS NULL OR a.resident_id = CAST(@residentId AS INTEGER))
  AND (CAST(@needsTransport AS INTEGER) = 0 OR (a.setting = 'external' AND a.status IN ('scheduled', 'confirmed') AND a.start_at >= CAST(@nowAt AS TEXT) AND NOT ${liveBookingExistsSql('a.id')}))
  AND (CAST(@followUpDue AS INTEGER) = 0 OR (a.status = 'completed' AND a.new_orders AND a.followed_up_at IS NULL))
  AND (CAST(@familyNotInformed AS INTEGER) = 0 OR (a.status IN ('scheduled', 'confirmed') AND a.family_informed_at IS NULL AND a.start_at >= CAST(@nowAt AS TEXT) AND a.start_at < CAST(@soonAt AS TEXT)))`;

/** The list page SQL, exported so the benchmark can run the same text raw. */
export const appointmentsPageSql = `SELECT ${PAGE_COLUMNS} ${PAGE_FROM} ${PAGE_WHERE} ORDER BY a.start_at, a.id LIMIT CAST(@limit AS INTEGER) OFFSET CAST(@offset AS INTEGER)`;
export const appointmentsCountSql = `SELECT CAST(count(*) AS INTEGER) ${PAGE_FROM} ${PAGE_WHERE}`;
// The stored rows after one already read, in the list's order (start, then id): a page that read the
// first rows of a unit's day counts only the rest for its total, and the walk starts at that row.
// Called with `fromAt` = the read row's start (never before the filter's own, since the row matched).
export const appointmentsCountAfterSql = `${appointmentsCountSql} AND (a.start_at > CAST(@fromAt AS TEXT) OR a.id > CAST(@afterId AS INTEGER))`;

export function pageParams(f: PageFilter, limit: number, offset: number) {
  return {
    fromAt: f.fromAt,
    toAt: f.toAt,
    type: f.type,
    status: f.status,
    unitId: f.unitId,
    residentId: f.residentId,
    needsTransport: f.needsTransport ? 1 : 0,
    followUpDue: f.followUpDue ? 1 : 0,
    familyNotInformed: f.familyNotInformed ? 1 : 0,
    nowAt: f.nowAt,
    soonAt: f.soonAt,
    limit,
    offset,
  };
}

const items = (json: string | null): PreparationItem[] => (json ? (JSON.parse(json) as PreparationItem[]) : []);

export function pageRowOf(r: unknown[]): PageRow {
  const preferred = r[6] as string | null;
  return {
    id: r[0] as number,
    seriesId: r[1] as number | null,
    occurrenceLocal: r[2] as string | null,
    residentId: r[3] as number,
    residentName: `${r[4] as string}, ${r[5] as string}${preferred ? ` (${preferred})` : ''}`,
    recordNumber: r[7] as string,
    unitId: r[8] as number | null,
    unitName: r[9] as string | null,
    roomLabel: r[10] as string | null,
    bedLabel: r[11] as string | null,
    type: r[12] as AppointmentType,
    setting: r[13] as AppointmentSetting,
    providerName: r[14] as string | null,
    locationName: r[15] as string | null,
    startAt: r[16] as string,
    endAt: r[17] as string,
    startLocal: r[18] as string,
    endLocal: r[19] as string,
    startFold: r[20] as 'earlier' | 'later' | null,
    status: r[21] as AppointmentStatus,
    escortNeeded: bool(r[22]),
    transportArranged: bool(r[23]),
    preparationItems: items(r[24] as string | null),
    familyInformedAt: r[25] as string | null,
    newOrders: bool(r[26]),
    followUpDue: r[27] as string | null,
    followedUpAt: r[28] as string | null,
    version: Number(r[29]),
  };
}

// Series that may have an occurrence in a local window, filtered like the list (NULL switches a
// filter off). Raw and prepared, like the page: through the query builder this read (and its
// exceptions, three more queries) cost more than the page itself on every agenda and list refetch.
const SERIES_FROM = `FROM appointment_series s
  JOIN residents r ON r.id = s.resident_id
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id
  LEFT JOIN units u ON u.id = rm.unit_id`;
// The stored bounds (first and last occurrence, moves included) decide which series can reach the
// window; the rule's DTSTART and UNTIL would miss an occurrence moved past either end.
const SERIES_WHERE = `WHERE s.cancelled_at IS NULL AND s.first_local < CAST(@toLocal AS TEXT) AND s.last_local >= CAST(@fromLocal AS TEXT)
  AND (CAST(@type AS TEXT) IS NULL OR s.type = CAST(@type AS TEXT))
  AND (CAST(@unitId AS INTEGER) IS NULL OR rm.unit_id = CAST(@unitId AS INTEGER))
  AND (CAST(@residentId AS INTEGER) IS NULL OR s.resident_id = CAST(@residentId AS INTEGER))`;
export const seriesWindowSql = `SELECT s.id, s.resident_id, s.type, s.setting, s.provider_id, s.provider_name, s.location_name, s.address, s.phone,
  s.preparation_items, s.preparation_note, s.escort_needed, r.legal_family, r.legal_given, r.preferred_name, r.record_number, u.id, u.name,
  rm.label, b.label, s.cancelled_at, s.version, s.dtstart_local, s.time_zone, s.rrule, s.until_local, s.duration_minutes, s.exception_count
  ${SERIES_FROM} ${SERIES_WHERE} ORDER BY s.id`;
// The same window's exceptions in one statement: kind ('x' exdate, 'r' rdate, 'o' override), series,
// key, override fields. Joined from the exception tables (few rows; most series have none) rather
// than through `IN (the window)`, which would walk the window's series three more times.
const WINDOW_OF = (alias: string) => `JOIN appointment_series s ON s.id = ${alias}.series_id
  JOIN residents r ON r.id = s.resident_id
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id ${SERIES_WHERE}`;
export const seriesExceptionsSql = `SELECT 'x', e.series_id, e.original_local, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER), CAST(NULL AS TEXT), CAST(NULL AS INTEGER), e.id
  FROM appointment_series_exdates e ${WINDOW_OF('e')}
  UNION ALL SELECT 'r', d.series_id, d.start_local, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER), CAST(NULL AS TEXT), CAST(NULL AS INTEGER), d.id
  FROM appointment_series_rdates d ${WINDOW_OF('d')}
  UNION ALL SELECT 'o', o.series_id, o.original_local, o.start_local, o.start_fold, o.duration_minutes, o.status, o.appointment_id, o.id
  FROM appointment_series_overrides o ${WINDOW_OF('o')}
  ORDER BY 1, 2, 9`;

export interface StoredSeries extends AppointmentDetailsRow {
  id: number;
  residentName: string;
  recordNumber: string;
  unitId: number | null;
  unitName: string | null;
  roomLabel: string | null;
  bedLabel: string | null;
  cancelledAt: string | null;
  version: number;
  series: Series;
  /** Original local start → the appointment row that carries that occurrence. */
  touched: Map<string, number>;
}

export interface AppointmentWrite extends AppointmentDetailsRow {
  startAt: string;
  endAt: string;
  startLocal: string;
  endLocal: string;
  startFold: 'earlier' | 'later' | null;
  endFold: 'earlier' | 'later' | null;
}

export interface SeriesWrite extends AppointmentDetailsRow {
  dtstartLocal: string;
  timeZone: string;
  rrule: string;
  untilLocal: string;
  durationMinutes: number;
  splitFromId: number | null;
}

export function appointmentQueries(env: QueryEnv) {
  const { appointments: a, appointmentSeries: s, appointmentSeriesExdates: ex, appointmentSeriesRdates: rd, appointmentSeriesOverrides: ov, appointmentProviders: p, appointmentStatusHistory: h, appointmentConflictOverrides: co, residents, beds, rooms, units, users, residentStatusPeriods } = env.t;
  const pageStatement = env.statement(appointmentsPageSql);
  const countStatement = env.statement(appointmentsCountSql);
  const countAfterStatement = env.statement(appointmentsCountAfterSql);
  const byIdStatement = env.statement(`SELECT ${PAGE_COLUMNS} ${PAGE_FROM} WHERE a.id = @id`);
  const seriesStatement = env.statement(seriesWindowSql);
  const exceptionsStatement = env.statement(seriesExceptionsSql);
  const statusBy = aliasedTable(users, 'status_by');
  const informedBy = aliasedTable(users, 'informed_by');

  async function chunked<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
    return out;
  }

  const detailColumns = (t: typeof a | typeof s) => ({
    residentId: t.residentId,
    type: t.type,
    setting: t.setting,
    providerId: t.providerId,
    providerName: t.providerName,
    locationName: t.locationName,
    address: t.address,
    phone: t.phone,
    preparationItems: t.preparationItems,
    preparationNote: t.preparationNote,
    escortNeeded: t.escortNeeded,
  });

  const detailValues = (d: AppointmentDetailsRow) => ({
    residentId: d.residentId,
    type: d.type,
    setting: d.setting,
    providerId: d.providerId,
    providerName: d.providerName,
    locationName: d.locationName,
    address: d.address,
    phone: d.phone,
    preparationItems: JSON.stringify(d.preparationItems),
    preparationNote: d.preparationNote,
    escortNeeded: d.escortNeeded,
  });

  /** Series (with exceptions) that may have an occurrence in the local window, filtered like the list. */
  async function seriesIn(filter: { fromLocal: string; toLocal: string; type?: AppointmentType | null; unitId?: number | null; residentIds?: readonly number[] | null }): Promise<StoredSeries[]> {
    const base = { fromLocal: filter.fromLocal, toLocal: filter.toLocal, type: filter.type ?? null, unitId: filter.unitId ?? null };
    const residents = filter.residentIds ? [...new Set(filter.residentIds)].sort((x, y) => x - y) : [null];
    const out: StoredSeries[] = [];
    for (const residentId of residents) {
      const params = { ...base, residentId };
      const rows = await seriesStatement.rows(params);
      if (rows.length === 0) continue;
      // Most series have no exceptions: when none of the window's has any, they are not read.
      const exceptions = rows.some((r) => Number(r[27]) !== 0) ? await exceptionsStatement.rows(params) : [];
      const exBy = new Map<number, { local: string }[]>();
      const rdBy = new Map<number, { local: string }[]>();
      const ovBy = new Map<number, OverrideRow[]>();
      const push = <T>(m: Map<number, T[]>, k: number, v: T) => {
        const list = m.get(k);
        if (list) list.push(v);
        else m.set(k, [v]);
      };
      for (const e of exceptions) {
        const seriesId = Number(e[1]);
        if (e[0] === 'x') push(exBy, seriesId, { local: e[2] as string });
        else if (e[0] === 'r') push(rdBy, seriesId, { local: e[2] as string });
        else
          push(ovBy, seriesId, {
            originalLocal: e[2] as string,
            startLocal: e[3] as string | null,
            startFold: e[4] as 'earlier' | 'later',
            durationMinutes: e[5] === null ? null : Number(e[5]),
            status: e[6] as AppointmentStatus | null,
            appointmentId: e[7] === null ? null : Number(e[7]),
          });
      }
      out.push(...assemble(rows.map(seriesRowOf), exBy, rdBy, ovBy));
    }
    return residents.length > 1 ? out.sort((x, y) => x.id - y.id) : out;
  }

  function seriesRowOf(r: unknown[]): SeriesSelectRow {
    return {
      id: Number(r[0]),
      residentId: Number(r[1]),
      type: r[2] as AppointmentType,
      setting: r[3] as AppointmentSetting,
      providerId: r[4] === null ? null : Number(r[4]),
      providerName: r[5] as string | null,
      locationName: r[6] as string | null,
      address: r[7] as string | null,
      phone: r[8] as string | null,
      preparationItems: r[9] as string,
      preparationNote: r[10] as string | null,
      escortNeeded: bool(r[11]),
      legalFamily: r[12] as string,
      legalGiven: r[13] as string,
      preferredName: r[14] as string | null,
      recordNumber: r[15] as string,
      unitId: r[16] === null ? null : Number(r[16]),
      unitName: r[17] as string | null,
      roomLabel: r[18] as string | null,
      bedLabel: r[19] as string | null,
      cancelledAt: r[20] as string | null,
      version: Number(r[21]),
      dtstartLocal: r[22] as string,
      timeZone: r[23] as string,
      rrule: r[24] as string,
      untilLocal: r[25] as string,
      durationMinutes: Number(r[26]),
    };
  }

  type OverrideRow = { originalLocal: string; startLocal: string | null; startFold: 'earlier' | 'later'; durationMinutes: number | null; status: AppointmentStatus | null; appointmentId: number | null };

  type SeriesSelectRow = Omit<AppointmentDetailsRow, 'preparationItems' | 'escortNeeded'> & {
    id: number;
    legalFamily: string;
    legalGiven: string;
    preferredName: string | null;
    recordNumber: string;
    unitId: number | null;
    unitName: string | null;
    roomLabel: string | null;
    bedLabel: string | null;
    cancelledAt: string | null;
    version: number;
    dtstartLocal: string;
    timeZone: string;
    rrule: string;
    untilLocal: string;
    durationMinutes: number;
    preparationItems: string;
    escortNeeded: boolean | number;
  };

  async function withExceptions(
    rows: SeriesSelectRow[],
  ): Promise<StoredSeries[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const exRows = await chunked(ids, (c) => env.db().select({ seriesId: ex.seriesId, local: ex.originalLocal }).from(ex).where(inArray(ex.seriesId, c)));
    const rdRows = await chunked(ids, (c) => env.db().select({ seriesId: rd.seriesId, local: rd.startLocal }).from(rd).where(inArray(rd.seriesId, c)));
    const ovRows = await chunked(ids, (c) => env.db().select().from(ov).where(inArray(ov.seriesId, c)));
    const group = <T extends { seriesId: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list) m.set(x.seriesId, [...(m.get(x.seriesId) ?? []), x]);
      return m;
    };
    return assemble(rows, group(exRows), group(rdRows), group(ovRows));
  }

  function assemble(rows: SeriesSelectRow[], exBy: ReadonlyMap<number, readonly { local: string }[]>, rdBy: ReadonlyMap<number, readonly { local: string }[]>, ovBy: ReadonlyMap<number, readonly OverrideRow[]>): StoredSeries[] {
    return rows.map((r) => {
      const overrides = ovBy.get(r.id) ?? [];
      const touched = new Map<string, number>();
      for (const o of overrides) if (o.appointmentId !== null) touched.set(o.originalLocal, o.appointmentId);
      return {
        id: r.id,
        residentId: r.residentId,
        type: r.type,
        setting: r.setting,
        providerId: r.providerId,
        providerName: r.providerName,
        locationName: r.locationName,
        address: r.address,
        phone: r.phone,
        preparationItems: items(r.preparationItems),
        preparationNote: r.preparationNote,
        escortNeeded: bool(r.escortNeeded),
        residentName: `${r.legalFamily}, ${r.legalGiven}${r.preferredName ? ` (${r.preferredName})` : ''}`,
        recordNumber: r.recordNumber,
        unitId: r.unitId,
        unitName: r.unitName,
        roomLabel: r.roomLabel,
        bedLabel: r.bedLabel,
        cancelledAt: r.cancelledAt,
        version: r.version,
        touched,
        series: {
          dtstartLocal: r.dtstartLocal,
          timeZone: r.timeZone,
          rrule: r.rrule,
          untilLocal: r.untilLocal,
          durationMinutes: r.durationMinutes,
          exdates: (exBy.get(r.id) ?? []).map((x) => x.local).sort(),
          rdates: (rdBy.get(r.id) ?? []).map((x) => x.local).sort(),
          overrides: overrides.map(
            (o): OccurrenceOverride => ({ originalLocal: o.originalLocal, startLocal: o.startLocal, startFold: o.startFold, durationMinutes: o.durationMinutes, status: o.status }),
          ),
        },
      };
    });
  }

  /**
   * Replaces a series' exceptions with the given ones (its overrides keep their appointment rows by
   * key), and stores the bounds and exception count of `series`, the whole series as it now is:
   * every write of a series' rule or exceptions ends here.
   */
  async function writeExceptions(seriesId: number, series: Series, touched: ReadonlyMap<string, number>): Promise<void> {
    const bounds = seriesBounds(series);
    await env
      .db()
      .update(s)
      .set({ firstLocal: bounds.firstLocal, lastLocal: bounds.lastLocal, exceptionCount: series.exdates.length + series.rdates.length + series.overrides.length })
      .where(eq(s.id, seriesId));
    await env.db().delete(ex).where(eq(ex.seriesId, seriesId));
    await env.db().delete(rd).where(eq(rd.seriesId, seriesId));
    await env.db().delete(ov).where(eq(ov.seriesId, seriesId));
    if (series.exdates.length > 0) await env.db().insert(ex).values(series.exdates.map((l) => ({ seriesId, originalLocal: l })));
    if (series.rdates.length > 0) await env.db().insert(rd).values(series.rdates.map((l) => ({ seriesId, startLocal: l })));
    if (series.overrides.length > 0)
      await env
        .db()
        .insert(ov)
        .values(
          series.overrides.map((o) => ({
            seriesId,
            originalLocal: o.originalLocal,
            startLocal: o.startLocal,
            startFold: o.startFold,
            durationMinutes: o.durationMinutes,
            status: o.status,
            appointmentId: touched.get(o.originalLocal) ?? null,
          })),
        );
  }

  return {
    async page(f: PageFilter, limit: number, offset: number): Promise<PageRow[]> {
      return (await pageStatement.rows(pageParams(f, limit, offset))).map(pageRowOf);
    },
    async count(f: PageFilter): Promise<number> {
      return Number((await countStatement.rows(pageParams(f, 1, 0)))[0]![0]);
    },
    /** How many rows the filter matches after `after` in the list's order (start, then id). */
    async countAfter(f: PageFilter, after: { startAt: string; id: number }): Promise<number> {
      return Number((await countAfterStatement.rows({ ...pageParams({ ...f, fromAt: after.startAt }, 1, 0), afterId: after.id }))[0]![0]);
    },
    async row(id: number): Promise<PageRow | undefined> {
      const r = (await byIdStatement.rows({ id }))[0];
      return r ? pageRowOf(r) : undefined;
    },
    seriesIn,

    async detail(id: number) {
      const row = await first(
        env
          .db()
          .select({
            providerId: a.providerId,
            address: a.address,
            phone: a.phone,
            startFold: a.startFold,
            endFold: a.endFold,
            preparationNote: a.preparationNote,
            statusAt: a.statusAt,
            statusByName: statusBy.displayName,
            statusReason: a.statusReason,
            outcomeNote: a.outcomeNote,
            familyInformedByName: informedBy.displayName,
            familyInformedMethod: a.familyInformedMethod,
            familyContactName: a.familyContactName,
            familyInformedNote: a.familyInformedNote,
          })
          .from(a)
          .leftJoin(statusBy, eq(statusBy.id, a.statusBy))
          .leftJoin(informedBy, eq(informedBy.id, a.familyInformedBy))
          .where(eq(a.id, id)),
      );
      if (!row) return undefined;
      const history = await env
        .db()
        .select({ from: h.fromStatus, to: h.toStatus, reason: h.reason, at: h.changedAt, byName: users.displayName })
        .from(h)
        .leftJoin(users, eq(users.id, h.changedBy))
        .where(eq(h.appointmentId, id))
        .orderBy(asc(h.id));
      const overrides = (
        await env.db().select({ reason: co.reason, at: co.overriddenAt, byName: users.displayName, json: co.conflictsJson }).from(co).leftJoin(users, eq(users.id, co.overriddenBy)).where(eq(co.appointmentId, id)).orderBy(asc(co.id))
      ).map((o) => ({ reason: o.reason, at: o.at, byName: o.byName, keys: (JSON.parse(o.json) as { key: string }[]).map((c) => c.key) }));
      return { ...row, history, overrides };
    },

    async stored(id: number) {
      return first(env.db().select().from(a).where(eq(a.id, id)));
    },

    async insert(w: AppointmentWrite & { seriesId?: number | null; occurrenceLocal?: string | null; status?: AppointmentStatus }, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(a)
        .values({
          ...detailValues(w),
          seriesId: w.seriesId ?? null,
          occurrenceLocal: w.occurrenceLocal ?? null,
          startAt: w.startAt,
          endAt: w.endAt,
          startLocal: w.startLocal,
          endLocal: w.endLocal,
          startFold: w.startFold,
          endFold: w.endFold,
          status: w.status ?? 'scheduled',
          statusAt: at,
          statusBy: by,
          createdAt: at,
          createdBy: by,
          updatedAt: at,
          updatedBy: by,
        })
        .returning({ id: a.id });
      await env.db().insert(h).values({ appointmentId: row!.id, fromStatus: null, toStatus: w.status ?? 'scheduled', changedAt: at, changedBy: by });
      return row!.id;
    },

    /**
     * Writes over the version the editor read. false: someone saved a newer version in between
     * (or the row is gone); the handler tells which.
     */
    async update(id: number, expectedVersion: number, set: Partial<typeof a.$inferInsert>, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(a)
        .set({ ...set, updatedAt: at, updatedBy: by, version: sql`${a.version} + 1` })
        .where(and(eq(a.id, id), eq(a.version, expectedVersion)))
        .returning({ id: a.id });
      return rows.length === 1;
    },
    detailValues,

    async addStatus(appointmentId: number, from: AppointmentStatus | null, to: AppointmentStatus, reason: string | null, at: string, by: number | null): Promise<void> {
      await env.db().insert(h).values({ appointmentId, fromStatus: from, toStatus: to, reason, changedAt: at, changedBy: by });
    },

    async recordOverride(target: { appointmentId?: number | null; seriesId?: number | null }, reason: string, conflicts: unknown[], at: string, by: number | null): Promise<void> {
      await env
        .db()
        .insert(co)
        .values({ appointmentId: target.appointmentId ?? null, seriesId: target.seriesId ?? null, reason, conflictsJson: JSON.stringify(conflicts), overriddenAt: at, overriddenBy: by });
    },

    /** The resident's one-off appointments and touched occurrences around [fromAt, toAt) (conflicts, ICS). */
    async ofResidentBetween(residentId: number, fromAt: string, toAt: string) {
      return env
        .db()
        .select({ id: a.id, start: a.startAt, end: a.endAt, status: a.status, seriesId: a.seriesId, occurrenceLocal: a.occurrenceLocal })
        .from(a)
        .where(and(eq(a.residentId, residentId), lt(a.startAt, toAt), gte(a.endAt, fromAt)))
        .orderBy(asc(a.startAt));
    },

    /** The resident's series that may reach [fromLocal, toLocal). */
    async residentSeries(residentId: number, fromLocal: string, toLocal: string) {
      return seriesIn({ fromLocal, toLocal, residentIds: [residentId] });
    },

    async series(id: number): Promise<StoredSeries | undefined> {
      return (await seriesInAny([id]))[0];
    },

    async seriesRaw(id: number) {
      return first(env.db().select().from(s).where(eq(s.id, id)));
    },

    async insertSeries(w: SeriesWrite, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(s)
        .values({
          ...detailValues(w),
          dtstartLocal: w.dtstartLocal,
          timeZone: w.timeZone,
          rrule: w.rrule,
          untilLocal: w.untilLocal,
          durationMinutes: w.durationMinutes,
          splitFromId: w.splitFromId,
          createdAt: at,
          createdBy: by,
          updatedAt: at,
          updatedBy: by,
        })
        .returning({ id: s.id });
      return row!.id;
    },

    async updateSeries(id: number, expectedVersion: number, set: Partial<typeof s.$inferInsert>, at: string, by: number | null): Promise<boolean> {
      // A new rule or span widens the stored bounds to everything until writeExceptions narrows them
      // again, so a caller that forgot it makes lists slower, never hides an occurrence.
      const ruleChanged = set.dtstartLocal !== undefined || set.untilLocal !== undefined || set.rrule !== undefined || set.durationMinutes !== undefined;
      const rows = await env
        .db()
        .update(s)
        .set({ ...set, ...(ruleChanged ? { firstLocal: '', lastLocal: '9999' } : {}), updatedAt: at, updatedBy: by, version: sql`${s.version} + 1` })
        .where(and(eq(s.id, id), eq(s.version, expectedVersion)))
        .returning({ id: s.id });
      return rows.length === 1;
    },

    writeExceptions,

    /** Moves touched occurrences' appointment rows to another series (after a split). */
    async moveTouched(appointmentIds: readonly number[], seriesId: number): Promise<void> {
      if (appointmentIds.length > 0) await env.db().update(a).set({ seriesId }).where(inArray(a.id, [...appointmentIds]));
    },

    /** A touched occurrence's key after its series' time of day changed. */
    async renameOccurrences(list: readonly { id: number; key: string }[]): Promise<void> {
      for (const r of list) await env.db().update(a).set({ occurrenceLocal: r.key }).where(eq(a.id, r.id));
    },

    async byOccurrence(seriesId: number, originalLocal: string) {
      return first(env.db().select({ id: a.id }).from(a).where(and(eq(a.seriesId, seriesId), eq(a.occurrenceLocal, originalLocal))));
    },

    async statusPeriods(residentId: number): Promise<StatusPeriod[]> {
      return env
        .db()
        .select({ status: residentStatusPeriods.status, from: residentStatusPeriods.fromDate, to: residentStatusPeriods.toDate })
        .from(residentStatusPeriods)
        .where(and(eq(residentStatusPeriods.residentId, residentId), isNull(residentStatusPeriods.enteredInErrorAt)))
        .orderBy(asc(residentStatusPeriods.fromDate), asc(residentStatusPeriods.id));
    },

    /** Work-list candidates stored as rows: new orders not followed up, and open ones in [nowAt, untilAt). */
    async followUpRows(nowAt: string, untilAt: string, unitId: number | null): Promise<PageRow[]> {
      const base = { type: null, status: null, unitId, residentId: null, nowAt, soonAt: untilAt } as const;
      const orders = await pageStatement.rows(pageParams({ ...base, fromAt: '0000', toAt: '9999', needsTransport: false, followUpDue: true, familyNotInformed: false }, 500, 0));
      const open = await pageStatement.rows(pageParams({ ...base, fromAt: nowAt, toAt: untilAt, needsTransport: false, followUpDue: false, familyNotInformed: false }, 500, 0));
      return [...orders, ...open].map(pageRowOf);
    },

    /** The resident's next and last stored appointments. */
    async residentRows(residentId: number, nowAt: string, n: number): Promise<{ upcoming: PageRow[]; past: PageRow[] }> {
      const upcoming = await pageStatement.rows(pageParams({ fromAt: nowAt, toAt: '9999', type: null, status: null, unitId: null, residentId, needsTransport: false, followUpDue: false, familyNotInformed: false, nowAt, soonAt: nowAt }, n, 0));
      const ids = await env.db().select({ id: a.id }).from(a).where(and(eq(a.residentId, residentId), lt(a.startAt, nowAt))).orderBy(desc(a.startAt), desc(a.id)).limit(n);
      const past: PageRow[] = [];
      for (const { id } of ids) {
        const r = (await byIdStatement.rows({ id }))[0];
        if (r) past.push(pageRowOf(r));
      }
      return { upcoming: upcoming.map(pageRowOf), past };
    },

    async resident(id: number) {
      return first(env.db().select({ id: residents.id, status: residents.status, legalFamily: residents.legalFamily, legalGiven: residents.legalGiven, preferredName: residents.preferredName }).from(residents).where(eq(residents.id, id)));
    },

    // Providers directory
    async providers(query: string, includeInactive: boolean) {
      const conds = [isNull(p.mergedIntoId)];
      if (!includeInactive) conds.push(eq(p.active, true));
      if (query.trim() !== '') conds.push(env.d.containsText(p.name, query.trim()));
      return env.db().select().from(p).where(and(...conds)).orderBy(env.d.ciOrder(p.name), asc(p.id)).limit(500);
    },
    async provider(id: number) {
      return first(env.db().select().from(p).where(eq(p.id, id)));
    },
    async insertProvider(f: { name: string; specialty: string | null; locationName: string | null; address: string | null; phone: string | null }, at: string, by: number | null): Promise<number> {
      const [row] = await env.db().insert(p).values({ ...f, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by }).returning({ id: p.id });
      return row!.id;
    },
    async updateProvider(id: number, expectedVersion: number, set: Partial<typeof p.$inferInsert>, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(p)
        .set({ ...set, updatedAt: at, updatedBy: by, version: sql`${p.version} + 1` })
        .where(and(eq(p.id, id), eq(p.version, expectedVersion)))
        .returning({ id: p.id });
      return rows.length === 1;
    },
    /** Points every appointment and series naming `fromId` at `intoId`; returns how many. */
    async repointProvider(fromId: number, intoId: number, at: string, by: number | null): Promise<{ appointments: number; series: number }> {
      const ar = await env.db().update(a).set({ providerId: intoId, updatedAt: at, updatedBy: by, version: sql`${a.version} + 1` }).where(eq(a.providerId, fromId)).returning({ id: a.id });
      const sr = await env.db().update(s).set({ providerId: intoId, updatedAt: at, updatedBy: by, version: sql`${s.version} + 1` }).where(eq(s.providerId, fromId)).returning({ id: s.id });
      return { appointments: ar.length, series: sr.length };
    },

    /** Touched occurrences whose appointment rows must follow their series (instants re-derived). */
    async touchedRows(seriesId: number) {
      return env.db().select({ id: a.id, occurrenceLocal: a.occurrenceLocal, startAt: a.startAt, endAt: a.endAt }).from(a).where(eq(a.seriesId, seriesId));
    },
    async setTimes(id: number, t: { startAt: string; endAt: string; startLocal: string; endLocal: string }, at: string, by: number | null): Promise<void> {
      await env.db().update(a).set({ ...t, updatedAt: at, updatedBy: by, version: sql`${a.version} + 1` }).where(eq(a.id, id));
    },
  };

  /** Series by id, cancelled ones too (a detail screen still shows them). */
  async function seriesInAny(ids: readonly number[]): Promise<StoredSeries[]> {
      const rows = await env
        .db()
        .select({
          id: s.id,
          ...detailColumns(s),
          legalFamily: residents.legalFamily,
          legalGiven: residents.legalGiven,
          preferredName: residents.preferredName,
          recordNumber: residents.recordNumber,
          unitId: units.id,
          unitName: units.name,
          roomLabel: rooms.label,
          bedLabel: beds.label,
          cancelledAt: s.cancelledAt,
          version: s.version,
          dtstartLocal: s.dtstartLocal,
          timeZone: s.timeZone,
          rrule: s.rrule,
          untilLocal: s.untilLocal,
          durationMinutes: s.durationMinutes,
        })
        .from(s)
        .innerJoin(residents, eq(residents.id, s.residentId))
        .leftJoin(beds, eq(beds.id, residents.bedId))
        .leftJoin(rooms, eq(rooms.id, beds.roomId))
        .leftJoin(units, eq(units.id, rooms.unitId))
        .where(inArray(s.id, [...ids]))
        .orderBy(asc(s.id));
      return withExceptions(rows);
  }
}
export type AppointmentQueries = ReturnType<typeof appointmentQueries>;
