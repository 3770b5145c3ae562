import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AllergiesInput, BedBoard, CensusRow, CensusSort, ContactInput, FreeBed, ListInput, ResidentDetail, ResidentFields } from '../../shared/contract/residents';
import { ageOn } from '../../shared/domain/residents/age';
import { sortAllergies, type AllergyItem } from '../../shared/domain/residents/allergies';
import { locationKey } from '../../shared/domain/residents/location-key';
import { normalizeForSearch, searchCompact, searchKey } from '../../shared/domain/residents/search';
import { riskLevels, residentStatuses, transportModeFor, type ResidentStatus } from '../../shared/domain/residents/vocabulary';
import type { Dialect, QueryEnv } from '../engine/types';
import { bool, first } from './util';

export interface BedInfo {
  bedId: number;
  bedLabel: string;
  bedActive: boolean;
  roomId: number;
  roomLabel: string;
  unitId: number;
  unitName: string;
  unitSortOrder: number;
  occupantId: number | null;
}

/** Derived columns written with every identity change, so search and sort never compute per row. */
export function searchColumns(f: Pick<ResidentFields, 'legalGiven' | 'legalFamily' | 'preferredName' | 'recordNumber'>) {
  return {
    searchKey: searchKey(f),
    searchCompact: searchCompact(f),
    nameSort: `${normalizeForSearch(f.legalFamily)}\u0001${normalizeForSearch(f.legalGiven)}`,
  };
}

/**
 * The summary columns follow the items, always from the items: the same call that replaces
 * resident_allergies writes them. A 'listed' record without items cannot pass the contract.
 */
function allergyColumns(a: AllergiesInput) {
  const items = a.state === 'listed' ? sortAllergies(a.items).map(({ substance, reaction, severity }) => ({ substance, reaction, severity })) : [];
  return {
    allergyState: a.state,
    allergyRecordedOn: a.state === 'nka' ? a.recordedOn : null,
    allergyItems: a.state === 'listed' ? JSON.stringify(items) : null,
    allergySevere: items.some((i) => i.severity === 'severe'),
  };
}

/** residents.allergy_items as stored: text on SQLite, text on PostgreSQL too (twins), never null for 'listed'. */
function itemsOf(stored: unknown): AllergyItem[] {
  if (stored === null || stored === undefined) return [];
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as AllergyItem[];
}

function fieldColumns(f: ResidentFields) {
  return {
    recordNumber: f.recordNumber,
    legalGiven: f.legalGiven,
    legalFamily: f.legalFamily,
    preferredName: f.preferredName,
    dateOfBirth: f.dateOfBirth,
    sex: f.sex,
    ...searchColumns(f),
    codeStatus: f.codeStatus,
    codeStatusForm: f.codeStatusForm,
    codeStatusDocumentedOn: f.codeStatusDocumentedOn,
    ...allergyColumns(f.allergies),
    dietType: f.dietType,
    dietNote: f.dietNote,
    iddsiFood: f.iddsiFood,
    iddsiDrink: f.iddsiDrink,
    transfer: f.transfer,
    aid: f.aid,
    bariatric: f.bariatric,
    fallRisk: f.fallRisk,
    wanderingRisk: f.wanderingRisk,
    isolation: f.isolation,
    hearingAids: f.hearingAids,
    visionAids: f.visionAids,
    language: f.language,
    interpreterNeeded: f.interpreterNeeded,
    physicianName: f.physicianName,
    physicianPhone: f.physicianPhone,
    pharmacyName: f.pharmacyName,
    pharmacyPhone: f.pharmacyPhone,
  };
}

// NULL (not assessed) ranks after every value: sorted by risk, highest first, the residents nobody
// has assessed come first — they may be the riskiest.
const rank = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${values.length} END`;

// Every sort ends on the id so paging is stable when the leading keys tie (two Maria Garcías).
// The key columns are normalised for byte order; the server's collation would reorder them, hence "C" there.
function orderBy(sort: CensusSort, d: 'ASC' | 'DESC', kind: Dialect['kind']): string {
  const key = (c: string) => (kind === 'pg' ? `${c} COLLATE "C"` : c);
  const nocase = (c: string) => (kind === 'pg' ? `lower(${c})` : `${c} COLLATE NOCASE`);
  const location = key('r.location_key');
  switch (sort) {
    case 'location':
      return `${location} ${d} NULLS LAST, r.id ${d}`;
    case 'name':
      return `${key('r.name_sort')} ${d}, r.date_of_birth ${d}, r.id ${d}`;
    case 'dateOfBirth':
      return `r.date_of_birth ${d}, ${key('r.name_sort')}, r.id`;
    case 'status':
      return `${rank('r.status', residentStatuses)} ${d}, ${location} NULLS LAST, r.id`;
    case 'codeStatus':
      return `${rank('r.code_status', ['full_code', 'dnr', 'dnr_dni', 'comfort_care'])} ${d}, ${location} NULLS LAST, r.id`;
    case 'fallRisk':
      return `${rank('r.fall_risk', riskLevels)} ${d}, ${location} NULLS LAST, r.id`;
    case 'recordNumber':
      return `${nocase('r.record_number')} ${d}, r.id ${d}`;
    case 'admittedOn':
      return `r.admitted_on ${d}, r.id ${d}`;
  }
}

const CENSUS_COLUMNS = `r.id, r.record_number, r.legal_given, r.legal_family, r.preferred_name, r.date_of_birth, r.sex, r.status, r.status_since,
  u.id, u.name, rm.id, rm.label, b.id, b.label,
  r.code_status, r.allergy_state, r.allergy_items, r.allergy_severe, r.allergy_recorded_on,
  r.diet_type, r.iddsi_food, r.iddsi_drink, r.transfer, r.aid, r.fall_risk, r.wandering_risk, r.isolation, r.language, r.interpreter_needed`;

const CENSUS_FROM = `FROM residents r
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id
  LEFT JOIN units u ON u.id = rm.unit_id`;

// Each typed word must occur in the resident's space-free search key (queryMatcher in shared/…/search.ts).
// A fixed number of word slots keeps it one plain statement; words past the sixth are ignored, which
// only ever widens the result (names of more than six words are not a thing people type).
const SEARCH_TOKENS = ['t1', 't2', 't3', 't4', 't5', 't6'] as const;

// One statement for every filter combination: a NULL parameter switches its condition off. The
// census is a few thousand rows, so a plan that scans is fine; what matters is one prepared statement
// per sort instead of string-building SQL per call.
// Typed parameters: PostgreSQL cannot infer a type for a parameter it first meets in `IS NULL`.
const censusWhere = (kind: Dialect['kind']) => {
  const text = (p: string) => `CAST(@${p} AS TEXT)`;
  return `WHERE (${text('status')} = 'all' OR (${text('status')} = 'census' AND r.status IN ('active', 'hospital', 'leave')) OR r.status = ${text('status')})
  AND (CAST(@unitId AS INTEGER) IS NULL OR rm.unit_id = CAST(@unitId AS INTEGER))
  AND (${text('codeStatus')} IS NULL OR r.code_status = ${text('codeStatus')})
  AND (${text('fallRisk')} IS NULL OR (${text('fallRisk')} = 'not_assessed' AND r.fall_risk IS NULL) OR r.fall_risk = ${text('fallRisk')})
  AND (${text('isolation')} IS NULL OR (${text('isolation')} = 'any' AND r.isolation <> 'none') OR r.isolation = ${text('isolation')})
  ${SEARCH_TOKENS.map((t) => `AND (${text(t)} IS NULL OR ${kind === 'pg' ? 'strpos' : 'instr'}(r.search_compact, ${text(t)}) > 0)`).join('\n  ')}`;
};

/**
 * The census page SQL for one sort, exported so the benchmark can run the same text raw.
 *
 * `narrowSearch`: the query has a word of SEARCH_NARROW letters or more. Without it SQLite walks the
 * sort's index (location, name) and looks every resident up in index order until the page is full —
 * right for the census and a one- or two-letter search, where the first hundred come early; but a
 * search for a name matches a few residents in 5,000, so the walk visits them all by random lookups,
 * three to four times slower than reading the table in order and sorting the few that match.
 * PostgreSQL's planner makes that choice itself.
 */
export function censusPageSql(sort: CensusSort, desc: boolean, kind: Dialect['kind'] = 'sqlite', narrowSearch = false): string {
  const from = narrowSearch && kind === 'sqlite' ? CENSUS_FROM.replace('FROM residents r', 'FROM residents r NOT INDEXED') : CENSUS_FROM;
  return `SELECT ${CENSUS_COLUMNS} ${from} ${censusWhere(kind)} ORDER BY ${orderBy(sort, desc ? 'DESC' : 'ASC', kind)} LIMIT CAST(@limit AS INTEGER) OFFSET CAST(@offset AS INTEGER)`;
}

/** Letters in a searched word from which it counts as narrow (a name, not its first letters): see censusPageSql. */
const SEARCH_NARROW = 3;
const searchTokens = (query: string) => normalizeForSearch(query).split(' ').filter((t) => t !== '');
/** Whether a census query is narrow enough to read the table rather than walk the sort's index. */
export const isNarrowSearch = (query: string) => searchTokens(query).some((t) => [...t].length >= SEARCH_NARROW);
export const censusCountSql = (kind: Dialect['kind'] = 'sqlite') => `SELECT CAST(count(*) AS INTEGER) ${CENSUS_FROM} ${censusWhere(kind)}`;

/** Bind parameters of the census statements. */
export function censusParams(p: ListInput) {
  const tokens = searchTokens(p.query);
  return {
    status: p.status,
    unitId: p.unitId,
    codeStatus: p.codeStatus,
    fallRisk: p.fallRisk,
    isolation: p.isolation,
    ...Object.fromEntries(SEARCH_TOKENS.map((t, i) => [t, tokens[i] ?? null])),
    limit: p.limit,
    offset: p.offset,
  };
}

type RawCensus = [
  number, string, string, string, string | null, string, CensusRow['sex'], ResidentStatus, string,
  number | null, string | null, number | null, string | null, number | null, string | null,
  CensusRow['codeStatus'], 'not_recorded' | 'nka' | 'listed', string | null, number | boolean, string | null,
  CensusRow['dietType'], CensusRow['iddsiFood'], CensusRow['iddsiDrink'], CensusRow['transfer'], CensusRow['aid'],
  CensusRow['fallRisk'], CensusRow['wanderingRisk'], CensusRow['isolation'], string | null, number | boolean,
];

function censusRow(r: RawCensus, today: string): CensusRow {
  return {
    id: r[0],
    recordNumber: r[1],
    legalGiven: r[2],
    legalFamily: r[3],
    preferredName: r[4],
    dateOfBirth: r[5],
    // A date of birth after "today" cannot be stored (admission checks it); 0 guards a clock set back.
    age: r[5] <= today ? ageOn(r[5], today) : 0,
    sex: r[6],
    status: r[7],
    statusSince: r[8],
    location:
      r[13] !== null
        ? { unitId: r[9]!, unitName: r[10]!, roomId: r[11]!, roomLabel: r[12]!, bedId: r[13], bedLabel: r[14]! }
        : null,
    codeStatus: r[15],
    allergies: { state: r[16], items: itemsOf(r[17]), hasSevere: bool(r[18]), recordedOn: r[19] },
    dietType: r[20],
    iddsiFood: r[21],
    iddsiDrink: r[22],
    transfer: r[23],
    aid: r[24],
    fallRisk: r[25],
    wanderingRisk: r[26],
    isolation: r[27],
    language: r[28],
    interpreterNeeded: bool(r[29]),
  };
}

export function residentQueries(env: QueryEnv) {
  const { beds, residentAllergies, residentBedAssignments, residentContacts, residentStatusPeriods, residents, rooms, units } = env.t;
  const kind = env.d.kind;
  // The census is the hottest list in the app and is benchmarked against these very statements
  // run raw, so it skips drizzle's query building and row mapping (see env.statement).
  const pageStatements = new Map<string, ReturnType<QueryEnv['statement']>>();
  const pageStatement = (sort: CensusSort, desc: boolean, narrowSearch: boolean) => {
    const key = `${sort}:${desc}:${narrowSearch}`;
    let s = pageStatements.get(key);
    if (!s) pageStatements.set(key, (s = env.statement(censusPageSql(sort, desc, kind, narrowSearch))));
    return s;
  };
  const countStatement = env.statement(censusCountSql(kind));
  const byIdStatement = env.statement(`SELECT ${CENSUS_COLUMNS} ${CENSUS_FROM} WHERE r.id = @id`);
  const bedInfoStatement = env.statement(
    `SELECT b.id, b.label, b.active, rm.id, rm.label, u.id, u.name, u.sort_order, (SELECT r.id FROM residents r WHERE r.bed_id = b.id)
     FROM beds b JOIN rooms rm ON rm.id = b.room_id JOIN units u ON u.id = rm.unit_id WHERE b.id = @id`,
  );

  async function bedInfo(bedId: number): Promise<BedInfo | undefined> {
    const r = (await bedInfoStatement.rows({ id: bedId }))[0] as [number, string, number | boolean, number, string, number, string, number, number | null] | undefined;
    if (!r) return undefined;
    return { bedId: r[0], bedLabel: r[1], bedActive: bool(r[2]), roomId: r[3], roomLabel: r[4], unitId: r[5], unitName: r[6], unitSortOrder: r[7], occupantId: r[8] };
  }

  async function locationOf(bedId: number | null): Promise<string | null> {
    if (bedId === null) return null;
    const b = await bedInfo(bedId);
    return b ? locationKey({ unitSortOrder: b.unitSortOrder, unitId: b.unitId, roomLabel: b.roomLabel, bedLabel: b.bedLabel }) : null;
  }

  function placeLabel(b: Pick<BedInfo, 'unitName' | 'roomLabel' | 'bedLabel'>): string {
    return `${b.unitName} · ${b.roomLabel}-${b.bedLabel}`;
  }

  async function replaceAllergies(residentId: number, a: AllergiesInput): Promise<void> {
    await env.db().delete(residentAllergies).where(eq(residentAllergies.residentId, residentId));
    if (a.state !== 'listed' || a.items.length === 0) return;
    await env
      .db()
      .insert(residentAllergies)
      .values(a.items.map((item, position) => ({ residentId, position, ...item })));
  }

  async function replaceContacts(residentId: number, contacts: readonly ContactInput[]): Promise<void> {
    await env.db().delete(residentContacts).where(eq(residentContacts.residentId, residentId));
    if (contacts.length === 0) return;
    await env
      .db()
      .insert(residentContacts)
      .values(contacts.map((c, position) => ({ residentId, position, ...c })));
  }

  // Who marked a history row entered in error, by name.
  const nameOf = (userIdColumn: typeof residentStatusPeriods.enteredInErrorBy | typeof residentBedAssignments.enteredInErrorBy) =>
    sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${userIdColumn})`;
  const inError = (row: { errorAt: string | null; errorBy: string | null; errorReason: string | null }) =>
    row.errorAt === null ? null : { at: row.errorAt, by: row.errorBy, reason: row.errorReason ?? '' };

  // "Unit · room-bed" of a bed id column, for history rows.
  const placeOf = (bedIdColumn: typeof residentStatusPeriods.bedId | typeof residentBedAssignments.bedId) =>
    sql<string | null>`(SELECT u.name || ' · ' || rm.label || '-' || b.label FROM beds b JOIN rooms rm ON rm.id = b.room_id JOIN units u ON u.id = rm.unit_id WHERE b.id = ${bedIdColumn})`;

  return {
    async list(p: ListInput, today: string): Promise<{ rows: CensusRow[]; total: number }> {
      const params = censusParams(p);
      const raw = (await pageStatement(p.sort, p.desc, isNarrowSearch(p.query)).rows(params)) as RawCensus[];
      const rows = raw.map((r) => censusRow(r, today));
      // A page short of `limit` is the last one, so the total is known without counting.
      const short = rows.length < p.limit && (rows.length > 0 || p.offset === 0);
      const total = short ? p.offset + rows.length : Number((await countStatement.rows(params))[0]![0]);
      return { rows, total };
    },

    async get(id: number, today: string): Promise<ResidentDetail | undefined> {
      const raw = (await byIdStatement.rows({ id }))[0] as RawCensus | undefined;
      if (!raw) return undefined;
      const base = censusRow(raw, today);
      const db = env.db();
      const r = await first(db.select().from(residents).where(eq(residents.id, id)));
      if (!r) return undefined;
      const allergyItems = await db
        .select({ substance: residentAllergies.substance, reaction: residentAllergies.reaction, severity: residentAllergies.severity })
        .from(residentAllergies)
        .where(eq(residentAllergies.residentId, id))
        .orderBy(asc(residentAllergies.position));
      const contacts = await db
        .select({
          role: residentContacts.role,
          name: residentContacts.name,
          relationship: residentContacts.relationship,
          phone: residentContacts.phone,
          altPhone: residentContacts.altPhone,
          emergencyOrder: residentContacts.emergencyOrder,
          note: residentContacts.note,
        })
        .from(residentContacts)
        .where(eq(residentContacts.residentId, id))
        .orderBy(asc(residentContacts.position));
      const periods = await db
        .select({
          id: residentStatusPeriods.id,
          status: residentStatusPeriods.status,
          from: residentStatusPeriods.fromDate,
          to: residentStatusPeriods.toDate,
          bed: placeOf(residentStatusPeriods.bedId),
          note: residentStatusPeriods.note,
          errorAt: residentStatusPeriods.enteredInErrorAt,
          errorBy: nameOf(residentStatusPeriods.enteredInErrorBy),
          errorReason: residentStatusPeriods.enteredInErrorReason,
        })
        .from(residentStatusPeriods)
        .where(eq(residentStatusPeriods.residentId, id))
        .orderBy(asc(residentStatusPeriods.fromDate), asc(residentStatusPeriods.id));
      const bedRows = await db
        .select({
          id: residentBedAssignments.id,
          bedId: residentBedAssignments.bedId,
          place: sql<string>`${placeOf(residentBedAssignments.bedId)}`,
          from: residentBedAssignments.fromDate,
          to: residentBedAssignments.toDate,
          reason: residentBedAssignments.reason,
          note: residentBedAssignments.note,
          errorAt: residentBedAssignments.enteredInErrorAt,
          errorBy: nameOf(residentBedAssignments.enteredInErrorBy),
          errorReason: residentBedAssignments.enteredInErrorReason,
        })
        .from(residentBedAssignments)
        .where(eq(residentBedAssignments.residentId, id))
        .orderBy(asc(residentBedAssignments.fromDate), asc(residentBedAssignments.id));
      return {
        ...base,
        admittedOn: r.admittedOn,
        codeStatusForm: r.codeStatusForm,
        codeStatusDocumentedOn: r.codeStatusDocumentedOn,
        allergyItems,
        dietNote: r.dietNote,
        bariatric: r.bariatric,
        transportMode: transportModeFor({ aid: r.aid, transfer: r.transfer, bariatric: r.bariatric }),
        hearingAids: r.hearingAids,
        visionAids: r.visionAids,
        physicianName: r.physicianName,
        physicianPhone: r.physicianPhone,
        pharmacyName: r.pharmacyName,
        pharmacyPhone: r.pharmacyPhone,
        contacts,
        periods: periods.map(({ errorAt, errorBy, errorReason, ...p }) => ({ ...p, enteredInError: inError({ errorAt, errorBy, errorReason }) })),
        beds: bedRows.map(({ errorAt, errorBy, errorReason, ...b }) => ({ ...b, enteredInError: inError({ errorAt, errorBy, errorReason }) })),
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        version: r.version,
      };
    },

    /** Current status, its start, and the open bed assignment: what a transition is checked against. */
    current(id: number) {
      return first(
        env
          .db()
          .select({ id: residents.id, status: residents.status, statusSince: residents.statusSince, admittedOn: residents.admittedOn, bedId: residents.bedId, version: residents.version })
          .from(residents)
          .where(eq(residents.id, id)),
      );
    },

    openBedAssignment(id: number) {
      return first(
        env
          .db()
          .select({ id: residentBedAssignments.id, bedId: residentBedAssignments.bedId, from: residentBedAssignments.fromDate })
          .from(residentBedAssignments)
          .where(and(eq(residentBedAssignments.residentId, id), isNull(residentBedAssignments.toDate), isNull(residentBedAssignments.enteredInErrorAt))),
      );
    },

    async recordNumberTaken(recordNumber: string, exceptId: number | null = null): Promise<boolean> {
      const row = await first(
        env
          .db()
          .select({ id: residents.id })
          .from(residents)
          .where(and(env.d.ciEquals(residents.recordNumber, recordNumber), exceptId === null ? undefined : ne(residents.id, exceptId))),
      );
      return row !== undefined;
    },

    bedInfo,
    placeLabel,

    /** Inserts a resident with an open status period and bed assignment. */
    async admit(f: ResidentFields, admission: { bedId: number; admittedOn: string; at: string; by: number | null }): Promise<number> {
      const db = env.db();
      const inserted = await db
        .insert(residents)
        .values({
          ...fieldColumns(f),
          status: 'active',
          statusSince: admission.admittedOn,
          admittedOn: admission.admittedOn,
          bedId: admission.bedId,
          locationKey: await locationOf(admission.bedId),
          createdAt: admission.at,
          updatedAt: admission.at,
        })
        .returning({ id: residents.id });
      const id = inserted[0]!.id;
      await replaceAllergies(id, f.allergies);
      await replaceContacts(id, f.contacts);
      await db
        .insert(residentStatusPeriods)
        .values({ residentId: id, status: 'active', fromDate: admission.admittedOn, bedId: admission.bedId, note: null, createdAt: admission.at, createdBy: admission.by });
      await db
        .insert(residentBedAssignments)
        .values({ residentId: id, bedId: admission.bedId, fromDate: admission.admittedOn, reason: 'admission', createdAt: admission.at, createdBy: admission.by });
      return id;
    },

    /**
     * Writes the record over the version the editor read. false: someone saved a newer version in
     * between (or the resident is gone) and nothing was written.
     */
    async update(id: number, f: ResidentFields, at: string, expectedVersion: number): Promise<boolean> {
      const updated = await env
        .db()
        .update(residents)
        .set({ ...fieldColumns(f), updatedAt: at, version: sql`${residents.version} + 1` })
        .where(and(eq(residents.id, id), eq(residents.version, expectedVersion)))
        .returning({ id: residents.id });
      if (updated.length !== 1) return false;
      await replaceAllergies(id, f.allergies);
      await replaceContacts(id, f.contacts);
      return true;
    },

    /** Every change of status or bed makes a new version too, so an editor holding an older one is told. */
    async bumpVersion(id: number, at: string): Promise<void> {
      await env.db().update(residents).set({ updatedAt: at, version: sql`${residents.version} + 1` }).where(eq(residents.id, id));
    },

    /** Closes the open bed assignment on `date` and opens one for `bedId` (a move or a readmission). */
    async moveBed(id: number, m: { bedId: number | null; date: string; reason: 'transfer' | 'readmission'; note: string | null; at: string; by: number | null }): Promise<void> {
      const db = env.db();
      await db
        .update(residentBedAssignments)
        .set({ toDate: m.date })
        .where(and(eq(residentBedAssignments.residentId, id), isNull(residentBedAssignments.toDate), isNull(residentBedAssignments.enteredInErrorAt)));
      // Free the old bed first: the unique index on residents.bed_id would otherwise refuse a swap.
      await db.update(residents).set({ bedId: null, locationKey: null, updatedAt: m.at }).where(eq(residents.id, id));
      if (m.bedId === null) return;
      await db.insert(residentBedAssignments).values({ residentId: id, bedId: m.bedId, fromDate: m.date, reason: m.reason, note: m.note, createdAt: m.at, createdBy: m.by });
      await db.update(residents).set({ bedId: m.bedId, locationKey: await locationOf(m.bedId) }).where(eq(residents.id, id));
    },

    /** Closes the open status period on `date` and opens the next one. */
    async changeStatus(id: number, c: { status: ResidentStatus; date: string; bedId: number | null; note: string | null; at: string; by: number | null }): Promise<void> {
      const db = env.db();
      await db
        .update(residentStatusPeriods)
        .set({ toDate: c.date })
        .where(and(eq(residentStatusPeriods.residentId, id), isNull(residentStatusPeriods.toDate), isNull(residentStatusPeriods.enteredInErrorAt)));
      await db.insert(residentStatusPeriods).values({ residentId: id, status: c.status, fromDate: c.date, bedId: c.bedId, note: c.note, createdAt: c.at, createdBy: c.by });
      await db.update(residents).set({ status: c.status, statusSince: c.date, updatedAt: c.at }).where(eq(residents.id, id));
    },

    /**
     * Status periods and bed assignments as stored, oldest first, each with whether it was marked
     * entered in error: what a correction works out its plan from.
     */
    async timeline(id: number) {
      const db = env.db();
      const periods = await db
        .select({ id: residentStatusPeriods.id, status: residentStatusPeriods.status, from: residentStatusPeriods.fromDate, to: residentStatusPeriods.toDate, inError: residentStatusPeriods.enteredInErrorAt })
        .from(residentStatusPeriods)
        .where(eq(residentStatusPeriods.residentId, id))
        .orderBy(asc(residentStatusPeriods.fromDate), asc(residentStatusPeriods.id));
      const assignments = await db
        .select({ id: residentBedAssignments.id, bedId: residentBedAssignments.bedId, from: residentBedAssignments.fromDate, to: residentBedAssignments.toDate, reason: residentBedAssignments.reason, inError: residentBedAssignments.enteredInErrorAt })
        .from(residentBedAssignments)
        .where(eq(residentBedAssignments.residentId, id))
        .orderBy(asc(residentBedAssignments.fromDate), asc(residentBedAssignments.id));
      return { periods, assignments };
    },

    /** Marks a status period entered in error. The row keeps what was entered; current-state reads skip it. */
    async markPeriodInError(periodId: number, e: { at: string; by: number | null; reason: string }): Promise<void> {
      await env.db().update(residentStatusPeriods).set({ enteredInErrorAt: e.at, enteredInErrorBy: e.by, enteredInErrorReason: e.reason }).where(eq(residentStatusPeriods.id, periodId));
    },

    async markAssignmentInError(assignmentId: number, e: { at: string; by: number | null; reason: string }): Promise<void> {
      await env.db().update(residentBedAssignments).set({ enteredInErrorAt: e.at, enteredInErrorBy: e.by, enteredInErrorReason: e.reason }).where(eq(residentBedAssignments.id, assignmentId));
    },

    /** Makes a closed period the open one again (the change that closed it was entered in error). */
    async reopenPeriod(periodId: number): Promise<void> {
      await env.db().update(residentStatusPeriods).set({ toDate: null }).where(eq(residentStatusPeriods.id, periodId));
    },

    async reopenAssignment(assignmentId: number): Promise<void> {
      await env.db().update(residentBedAssignments).set({ toDate: null }).where(eq(residentBedAssignments.id, assignmentId));
    },

    /** Opens a bed assignment with no move before it (a correction whose earlier bed was taken). */
    async openAssignment(id: number, a: { bedId: number; date: string; reason: 'correction'; note: string | null; at: string; by: number | null }): Promise<void> {
      await env.db().insert(residentBedAssignments).values({ residentId: id, bedId: a.bedId, fromDate: a.date, reason: a.reason, note: a.note, createdAt: a.at, createdBy: a.by });
    },

    /** The denormalised current status, put back to the period a correction reopened. */
    async setStatus(id: number, status: ResidentStatus, since: string, at: string): Promise<void> {
      await env.db().update(residents).set({ status, statusSince: since, updatedAt: at }).where(eq(residents.id, id));
    },

    /** The denormalised current bed (and its sort key); the caller has checked the bed is free. */
    async placeInBed(id: number, bedId: number | null, at: string): Promise<void> {
      await env.db().update(residents).set({ bedId, locationKey: await locationOf(bedId), updatedAt: at }).where(eq(residents.id, id));
    },

    /** "Family, Given" of a resident, for naming who took a bed. */
    async nameOf(id: number): Promise<string | null> {
      const r = await first(env.db().select({ given: residents.legalGiven, family: residents.legalFamily }).from(residents).where(eq(residents.id, id)));
      return r ? `${r.family}, ${r.given}` : null;
    },

    async freeBeds(unitId: number | null): Promise<FreeBed[]> {
      const rows = await env
        .db()
        .select({ unitId: units.id, unitName: units.name, roomId: rooms.id, roomLabel: rooms.label, bedId: beds.id, bedLabel: beds.label, unitSortOrder: units.sortOrder })
        .from(beds)
        .innerJoin(rooms, eq(rooms.id, beds.roomId))
        .innerJoin(units, eq(units.id, rooms.unitId))
        .where(
          and(
            eq(beds.active, true),
            eq(rooms.active, true),
            eq(units.active, true),
            unitId === null ? undefined : eq(units.id, unitId),
            sql`NOT EXISTS (SELECT 1 FROM residents r WHERE r.bed_id = ${beds.id})`,
          ),
        );
      return rows
        .map((b) => ({ ...b, key: locationKey({ unitSortOrder: b.unitSortOrder, unitId: b.unitId, roomLabel: b.roomLabel, bedLabel: b.bedLabel }) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.bedId - b.bedId))
        .map((b) => ({ unitId: b.unitId, unitName: b.unitName, roomId: b.roomId, roomLabel: b.roomLabel, bedId: b.bedId, bedLabel: b.bedLabel }));
    },

    async bedBoard(unitId: number | null): Promise<BedBoard> {
      const rows = (
        await env
          .db()
          .select({
            unitId: units.id,
            unitName: units.name,
            unitSortOrder: units.sortOrder,
            roomId: rooms.id,
            roomLabel: rooms.label,
            bedId: beds.id,
            bedLabel: beds.label,
            rid: residents.id,
            legalGiven: residents.legalGiven,
            legalFamily: residents.legalFamily,
            preferredName: residents.preferredName,
            dateOfBirth: residents.dateOfBirth,
            status: residents.status,
            codeStatus: residents.codeStatus,
            isolation: residents.isolation,
            allergyState: residents.allergyState,
            allergySevere: residents.allergySevere,
          })
          .from(beds)
          .innerJoin(rooms, eq(rooms.id, beds.roomId))
          .innerJoin(units, eq(units.id, rooms.unitId))
          .leftJoin(residents, eq(residents.bedId, beds.id))
          .where(and(eq(beds.active, true), eq(rooms.active, true), eq(units.active, true), unitId === null ? undefined : eq(units.id, unitId)))
      )
        .map((b) => ({ ...b, key: locationKey({ unitSortOrder: b.unitSortOrder, unitId: b.unitId, roomLabel: b.roomLabel, bedLabel: b.bedLabel }) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.bedId - b.bedId));
      const out: BedBoard = { units: [] };
      for (const b of rows) {
        let unit = out.units.at(-1);
        if (unit?.id !== b.unitId) out.units.push((unit = { id: b.unitId, name: b.unitName, beds: 0, occupied: 0, rooms: [] }));
        let room = unit.rooms.at(-1);
        if (room?.id !== b.roomId) unit.rooms.push((room = { id: b.roomId, label: b.roomLabel, beds: [] }));
        unit.beds++;
        const occupant =
          b.rid !== null
            ? { id: b.rid, legalGiven: b.legalGiven!, legalFamily: b.legalFamily!, preferredName: b.preferredName, dateOfBirth: b.dateOfBirth!, status: b.status!, codeStatus: b.codeStatus!, isolation: b.isolation!, allergies: { state: b.allergyState!, hasSevere: b.allergySevere! } }
            : null;
        if (occupant) unit.occupied++;
        room.beds.push({ id: b.bedId, label: b.bedLabel, occupant });
      }
      return out;
    },

    /** Active beds of a room, found by unit and room label as a census export names them. */
    async bedsInRoom(unitId: number, roomLabel: string): Promise<{ bedId: number; bedLabel: string }[]> {
      return await env
        .db()
        .select({ bedId: beds.id, bedLabel: beds.label })
        .from(beds)
        .innerJoin(rooms, eq(rooms.id, beds.roomId))
        .where(and(eq(rooms.unitId, unitId), env.d.ciEquals(rooms.label, roomLabel), eq(rooms.active, true), eq(beds.active, true)))
        .orderBy(asc(beds.id));
    },

    async roomLabelTaken(unitId: number, label: string): Promise<boolean> {
      return (await first(env.db().select({ id: rooms.id }).from(rooms).where(and(eq(rooms.unitId, unitId), env.d.ciEquals(rooms.label, label))))) !== undefined;
    },

    async createRoom(unitId: number, label: string, bedLabels: readonly string[]): Promise<{ roomId: number; bedIds: number[] }> {
      const db = env.db();
      const roomId = (await db.insert(rooms).values({ unitId, label }).returning({ id: rooms.id }))[0]!.id;
      const bedIds = bedLabels.length === 0 ? [] : (await db.insert(beds).values(bedLabels.map((b) => ({ roomId, label: b }))).returning({ id: beds.id })).map((b) => b.id);
      return { roomId, bedIds };
    },

    /** Recomputes every stored location key, for when a unit is reordered or a room relabelled. */
    async refreshLocationKeys(): Promise<void> {
      const db = env.db();
      for (const r of await db.select({ id: residents.id, bedId: residents.bedId }).from(residents).where(sql`${residents.bedId} IS NOT NULL`)) {
        await db.update(residents).set({ locationKey: await locationOf(r.bedId) }).where(eq(residents.id, r.id));
      }
    },

    async count(): Promise<number> {
      return Number((await env.statement('SELECT CAST(count(*) AS INTEGER) FROM residents').rows())[0]![0]);
    },
  };
}
export type ResidentQueries = ReturnType<typeof residentQueries>;
