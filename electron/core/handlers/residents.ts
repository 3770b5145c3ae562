import { CensusPreferences, type ResidentDetail, type ResidentFields } from '../../../shared/contract/residents';
import { changedClinicalFields } from '../../../shared/domain/residents/clinical';
import { allowedNextStatuses, validateTransition } from '../../../shared/domain/residents/timeline';
import { can } from '../../../shared/domain/roles';
import { err, fieldError, ok, type Err, type FieldIssue, type Result } from '../../../shared/result';
import { defineHandlers, type HandlerContext } from '../context';
import { applyCorrection, correctableEntries, planFor } from './residents-corrections';
import { admissionIssues, bedIssues, recordIssues } from './residents-rules';
import { importCommit, importPreview } from './residents-import';
import { changedElsewhere } from './versions';

const invalid = (fields: FieldIssue[]): Err => err('validation', 'error.validation', { fields });

async function detail(id: number, ctx: HandlerContext, today = ctx.today): Promise<Result<ResidentDetail>> {
  const d = await ctx.q.residents.get(id, today);
  return d ? ok(d) : err('internal', 'error.internal');
}

/** The audited picture of a resident: the whole record, minus what is derived or repeated. */
function auditView(d: ResidentDetail | undefined) {
  if (!d) return null;
  const { age: _age, periods: _periods, beds: _beds, transportMode: _mode, version: _version, ...rest } = d;
  return rest;
}

/**
 * The stored record in the shape an edit sends (ResidentFields), so the clinical guard compares like
 * with like: the allergy items themselves (reactions included) in the order they were entered.
 */
export function fieldsOf(d: ResidentDetail): ResidentFields {
  return {
    legalGiven: d.legalGiven,
    legalFamily: d.legalFamily,
    preferredName: d.preferredName,
    dateOfBirth: d.dateOfBirth,
    sex: d.sex,
    recordNumber: d.recordNumber,
    codeStatus: d.codeStatus,
    codeStatusForm: d.codeStatusForm,
    codeStatusDocumentedOn: d.codeStatusDocumentedOn,
    allergies:
      d.allergies.state === 'listed'
        ? { state: 'listed', items: d.allergyItems }
        : d.allergies.state === 'nka'
          ? { state: 'nka', recordedOn: d.allergies.recordedOn ?? '' }
          : { state: 'not_recorded' },
    dietType: d.dietType,
    dietNote: d.dietNote,
    iddsiFood: d.iddsiFood,
    iddsiDrink: d.iddsiDrink,
    transfer: d.transfer,
    aid: d.aid,
    bariatric: d.bariatric,
    fallRisk: d.fallRisk,
    wanderingRisk: d.wanderingRisk,
    isolation: d.isolation,
    hearingAids: d.hearingAids,
    visionAids: d.visionAids,
    language: d.language,
    interpreterNeeded: d.interpreterNeeded,
    physicianName: d.physicianName,
    physicianPhone: d.physicianPhone,
    pharmacyName: d.pharmacyName,
    pharmacyPhone: d.pharmacyPhone,
    contacts: d.contacts,
  };
}

export const residentsHandlers = defineHandlers({
  async 'residents.list'(input, ctx) {
    return ok(await ctx.q.residents.list(input, ctx.today));
  },

  async 'residents.get'({ id }, ctx) {
    const d = await ctx.q.residents.get(id, ctx.today);
    return d ? ok(d) : err('not_found', 'residents.notFound');
  },

  async 'residents.admit'(input, ctx) {
    const today = ctx.today;
    const issues = await admissionIssues(input, today, ctx);
    if (issues.length > 0) return invalid(issues);
    const id = await ctx.q.residents.admit(input, { bedId: input.bedId, admittedOn: input.admittedOn, at: ctx.nowIso, by: ctx.user?.id ?? null });
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({ entity: 'resident', entityId: id, before: null, after: auditView(after) });
    return detail(id, ctx, today);
  },

  async 'residents.update'({ id, expectedVersion, ...fields }, ctx) {
    const today = ctx.today;
    const before = await ctx.q.residents.get(id, today);
    if (!before) return err('not_found', 'residents.notFound');
    // Edited from an older version than the one stored: someone saved in between, at this station or another.
    if (before.version !== expectedVersion) return changedElsewhere(ctx, 'resident', id, before.version);
    // Every field declared clinical, compared whole against the record as stored — before anything
    // is written, whatever the screen sent.
    const clinical = changedClinicalFields(fieldsOf(before), fields);
    if (clinical.length > 0 && !(ctx.user && can(ctx.user.role, 'residents.clinical'))) {
      return err('forbidden', 'residents.clinicalOnly', { fields: clinical.map((path) => ({ path, code: 'clinical_only' })) });
    }
    const issues = await recordIssues(fields, today, id, ctx);
    if (before.admittedOn < fields.dateOfBirth) issues.push({ path: 'dateOfBirth', code: 'after_admission' });
    if (issues.length > 0) return invalid(issues);
    if (!(await ctx.q.residents.update(id, fields, ctx.nowIso, expectedVersion))) return changedElsewhere(ctx, 'resident', id, before.version);
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({ entity: 'resident', entityId: id, before: auditView(before), after: auditView(after) });
    return detail(id, ctx, today);
  },

  async 'residents.transfer'({ id, bedId, date, note }, ctx) {
    const today = ctx.today;
    const before = await ctx.q.residents.get(id, today);
    if (!before) return err('not_found', 'residents.notFound');
    const open = await ctx.q.residents.openBedAssignment(id);
    if (!open) return fieldError('id', 'not_in_a_bed');
    if (open.bedId === bedId) return fieldError('bedId', 'same_bed');
    const issues = await bedIssues(null, bedId, ctx);
    if (date > today) issues.push({ path: 'date', code: 'date_in_future' });
    else if (date < open.from) issues.push({ path: 'date', code: 'before_last_move', params: { since: open.from } });
    if (issues.length > 0) return invalid(issues);
    await ctx.q.residents.moveBed(id, { bedId, date, reason: 'transfer', note, at: ctx.nowIso, by: ctx.user?.id ?? null });
    await ctx.q.residents.bumpVersion(id, ctx.nowIso);
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({ entity: 'resident', entityId: id, before: { location: before.location }, after: { location: after?.location ?? null, date, note } });
    return detail(id, ctx, today);
  },

  async 'residents.changeStatus'({ id, status, date, bedId, note }, ctx) {
    const today = ctx.today;
    const before = await ctx.q.residents.get(id, today);
    if (!before) return err('not_found', 'residents.notFound');
    const check = validateTransition({ status: before.status, since: before.statusSince }, { status, date }, today);
    if (!check.ok) {
      switch (check.reason) {
        case 'invalid_date':
          return fieldError('date', 'invalid_date');
        case 'final_status':
          return fieldError('status', 'final_status');
        case 'same_status':
          return fieldError('status', 'same_status');
        case 'not_allowed':
          return fieldError('status', 'transition_not_allowed', { allowed: allowedNextStatuses(before.status).join(', ') });
        case 'in_future':
          return fieldError('date', 'date_in_future');
        case 'before_current_start':
          // The admission is the most common thing a wrong date falls before; name it when it is.
          return date < before.admittedOn
            ? fieldError('date', 'before_admission', { since: before.admittedOn })
            : fieldError('date', 'before_current_status', { since: before.statusSince });
      }
    }
    const by = ctx.user?.id ?? null;
    const readmission = before.status === 'discharged' && status === 'active';
    if (!readmission && bedId !== null) return fieldError('bedId', 'only_for_readmission');
    let periodBed: number | null = before.location?.bedId ?? null;
    if (readmission) {
      if (bedId === null) return fieldError('bedId', 'required');
      const issues = await bedIssues(null, bedId, ctx);
      if (issues.length > 0) return invalid(issues);
      await ctx.q.residents.moveBed(id, { bedId, date, reason: 'readmission', note, at: ctx.nowIso, by });
      periodBed = bedId;
    } else if (status === 'discharged' || status === 'deceased') {
      const open = await ctx.q.residents.openBedAssignment(id);
      if (open && date < open.from) return fieldError('date', 'before_last_move', { since: open.from });
      // Discharge and death release the bed the same day; the record stays, off the census.
      await ctx.q.residents.moveBed(id, { bedId: null, date, reason: 'transfer', note, at: ctx.nowIso, by });
      periodBed = null;
    }
    await ctx.q.residents.changeStatus(id, { status, date, bedId: periodBed, note, at: ctx.nowIso, by });
    await ctx.q.residents.bumpVersion(id, ctx.nowIso);
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({
      entity: 'resident',
      entityId: id,
      before: { status: before.status, statusSince: before.statusSince, location: before.location },
      after: { status: after?.status, statusSince: after?.statusSince, location: after?.location ?? null, note },
    });
    return detail(id, ctx, today);
  },

  async 'residents.correctable'({ id }, ctx) {
    if (!(await ctx.q.residents.current(id))) return err('not_found', 'residents.notFound');
    return ok({ entries: await correctableEntries(id, ctx) });
  },

  async 'residents.markEnteredInError'({ id, expectedVersion, kind, entryId, reason, bedId }, ctx) {
    const today = ctx.today;
    const before = await ctx.q.residents.get(id, today);
    if (!before) return err('not_found', 'residents.notFound');
    if (before.version !== expectedVersion) return changedElsewhere(ctx, 'resident', id, before.version);
    const plan = await planFor(id, kind, entryId, ctx);
    if (typeof plan === 'string') return fieldError('entryId', plan);
    const issues = await applyCorrection(id, plan, { reason, bedId }, ctx);
    if (issues.length > 0) return invalid(issues);
    await ctx.q.residents.bumpVersion(id, ctx.nowIso);
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({
      entity: 'resident',
      entityId: id,
      before: { status: before.status, statusSince: before.statusSince, location: before.location },
      after: { status: after?.status, statusSince: after?.statusSince, location: after?.location ?? null, enteredInError: { kind, entryId, status: plan.entry.status, place: plan.entry.place, date: plan.entry.date, reason } },
    });
    return detail(id, ctx, today);
  },

  async 'residents.history'({ id, offset, limit }, ctx) {
    if (!(await ctx.q.residents.current(id))) return err('not_found', 'residents.notFound');
    // Changes only: who opened the record is the audit viewer's to show (audit.read), not every reader's.
    return ok(await ctx.q.audit.list({ offset, limit, entity: 'resident', entityId: String(id), kinds: ['change'] }));
  },

  async 'residents.freeBeds'({ unitId }, ctx) {
    return ok(await ctx.q.residents.freeBeds(unitId));
  },

  async 'residents.bedBoard'({ unitId }, ctx) {
    return ok(await ctx.q.residents.bedBoard(unitId));
  },

  async 'rooms.create'({ unitId, label, beds }, ctx) {
    const unit = (await ctx.q.facility.units()).find((u) => u.id === unitId);
    if (!unit) return fieldError('unitId', 'unknown_unit');
    if (await ctx.q.residents.roomLabelTaken(unitId, label)) return fieldError('label', 'duplicate');
    const seen = new Set<string>();
    for (const [i, b] of beds.entries()) {
      if (seen.has(b.toLowerCase())) return fieldError(`beds.${i}`, 'duplicate');
      seen.add(b.toLowerCase());
    }
    const created = await ctx.q.residents.createRoom(unitId, label, beds);
    ctx.audit({ entity: 'room', entityId: created.roomId, after: { unitId, label, beds } });
    return ok(created);
  },

  'residents.importPreview'({ csv, dateFormat }, ctx) {
    return importPreview(csv, ctx, dateFormat);
  },

  'residents.importCommit'({ csv, dateFormat }, ctx) {
    return importCommit(csv, ctx, dateFormat);
  },

  async 'preferences.get'({ key }, ctx) {
    // A stored value from an older version that no longer fits is treated as no preference.
    const stored = CensusPreferences.safeParse(await ctx.q.settings.get(`user:${ctx.user?.id ?? 0}`, key));
    return ok({ census: stored.success ? stored.data : null });
  },

  async 'preferences.set'({ key, value }, ctx) {
    const scope = `user:${ctx.user?.id ?? 0}`;
    const before = (await ctx.q.settings.get(scope, key)) ?? null;
    await ctx.q.settings.set(scope, key, value);
    ctx.audit({ entity: 'preference', entityId: `${scope}:${key}`, before, after: value });
    return ok({});
  },
});
