import type { CredentialStanding } from '../../../shared/contract/training-common';
import { addMonths } from '../../../shared/domain/dates';
import { CREDENTIAL_LIMITS, validateCredential } from '../../../shared/domain/training/credentials';
import { IN_SERVICE_ROLES, inServiceStanding } from '../../../shared/domain/training/inservice';
import { expiryOf, validityStatus, type CompletionRecord } from '../../../shared/domain/training/status';
import { err, fieldError, ok, type Err, type FieldIssue } from '../../../shared/result';
import type { CredentialRow, CredentialWrite } from '../../../db/queries/training-credentials';
import { defineHandlers, type HandlerContext } from '../context';
import { latestByColumn, loadColumns, type Column } from './training-columns';
import { changedElsewhere } from './versions';

/**
 * Licences and certifications, where a person stands on everything as of a date, and My training.
 * Audit entities: 'staff_credential', 'credential_type' (also the change events other stations hear).
 */

const credentialOut = (c: CredentialRow) => ({ ...c });

/** Text as stored: trimmed, empty as null. */
const clean = (s: string | null): string | null => {
  const t = s?.trim() ?? '';
  return t === '' ? null : t;
};

function normalised(input: CredentialWrite): CredentialWrite {
  return {
    staffId: input.staffId,
    typeId: input.typeId,
    number: input.number.trim(),
    issuingState: clean(input.issuingState),
    issuingBody: clean(input.issuingBody),
    issuedOn: input.issuedOn.trim(),
    expiresOn: input.expiresOn.trim(),
  };
}

const TOO_LONG_MAX: Partial<Record<string, number>> = { number: CREDENTIAL_LIMITS.numberMaxChars, issuingBody: CREDENTIAL_LIMITS.issuingBodyMaxChars };

/** The shared licence rule, then what needs the database: the person, the type, a repeat of the same issue. */
async function checkCredential(ctx: HandlerContext, c: CredentialWrite, exceptId: number | null): Promise<Err | null> {
  const fields: FieldIssue[] = validateCredential(c, ctx.today).map((i) => {
    const max = i.code === 'too_long' ? TOO_LONG_MAX[i.field] : undefined;
    return { path: i.field, code: i.code, ...(max !== undefined ? { params: { max } } : {}) };
  });
  if (!(await ctx.q.training.getStaff(c.staffId))) fields.push({ path: 'staffId', code: 'unknown_staff' });
  if (!(await ctx.q.training.getCredentialType(c.typeId))) fields.push({ path: 'typeId', code: 'unknown_credential_type' });
  if (fields.length > 0) return err('validation', 'error.validation', { fields });
  if ((await ctx.q.training.findLiveCredentialDuplicate(c.staffId, c.typeId, c.issuedOn, exceptId)) !== null) return fieldError('issuedOn', 'duplicate_credential');
  return null;
}

type Standing = CredentialStanding;

/**
 * Where each person stands on every active course and licence type as of a date, through the one status
 * rule — what their records say whatever their role (`required` tells whether the role must hold it), as
 * shift CPR coverage and transport count it. Items are in catalog order: courses, then licences; an item the
 * role does not require and nobody recorded is left out. Unknown staff ids are absent from the map.
 *
 * This is what transport's credential check calls for a driver or an escort on each trip date.
 */
export async function credentialStandings(ctx: Pick<HandlerContext, 'q'>, staffIds: readonly number[], asOf: string, windowDays = 30): Promise<Map<number, Standing[]>> {
  const columns = await loadColumns(ctx);
  const out = new Map<number, Standing[]>();
  for (const staffId of new Set(staffIds)) {
    const person = await ctx.q.training.getStaff(staffId);
    if (!person) continue;
    const latest = latestByColumn(columns, await ctx.q.training.latestCompletionsOf(staffId, asOf), await ctx.q.training.latestCredentialsOf(staffId, asOf)).get(staffId);
    const items: Standing[] = [];
    for (const column of columns) {
      const held = latest?.get(column.id);
      const required = column.roles.includes(person.role);
      if (held === undefined && !required) continue;
      items.push(standingOf(column, required, person.hireDate, held, asOf, windowDays));
    }
    out.set(staffId, items);
  }
  return out;
}

function standingOf(column: Column, required: boolean, hireDate: string, held: string | CompletionRecord | undefined, asOf: string, windowDays: number): Standing {
  const records: CompletionRecord[] = held === undefined ? [] : [typeof held === 'string' ? { completedOn: held } : held];
  const r = validityStatus(column.validity, hireDate, records, asOf, windowDays);
  return {
    kind: column.kind,
    id: column.refId,
    code: column.code,
    name: column.name,
    required,
    // validityStatus never answers 'not_required' (that is statusOf's role check), so this is one of the four.
    status: r.status === 'not_required' ? 'missing' : r.status,
    completedOn: r.completedOn ?? null,
    expiresOn: r.expiresOn ?? null,
    dueOn: r.dueOn ?? null,
  };
}

/** What needs doing first: lapsed and missing, then by the date it lapses; what never lapses last. */
function byUrgency(a: Standing, b: Standing): number {
  const rank = (s: Standing) => (s.status === 'expired' || s.status === 'missing' ? 0 : s.status === 'expiring' ? 1 : 2);
  const when = (s: Standing) => s.expiresOn ?? s.dueOn ?? '9999-12-31';
  return Number(b.required) - Number(a.required) || rank(a) - rank(b) || (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0);
}

export const credentialHandlers = defineHandlers({
  async 'training.listCredentialTypes'({ includeInactive }, ctx) {
    return ok({ rows: await ctx.q.training.listCredentialTypes(includeInactive) });
  },

  async 'training.createCredentialType'(input, ctx) {
    if (await ctx.q.training.credentialTypeCodeTaken(input.code)) return fieldError('code', 'duplicate');
    const id = await ctx.q.training.insertCredentialType(input, ctx.nowIso);
    const created = await ctx.q.training.getCredentialType(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'credential_type', entityId: id, after: created });
    return ok(created);
  },

  /** Like a course's validity, a change of roles re-decides every status on the next read; no credential is touched. */
  async 'training.updateCredentialType'({ id, expectedVersion, ...input }, ctx) {
    const before = await ctx.q.training.getCredentialType(id);
    if (!before) return err('not_found', 'training.credentialTypeNotFound');
    if (before.version !== expectedVersion || !(await ctx.q.training.updateCredentialType(id, input, ctx.nowIso, expectedVersion))) {
      return changedElsewhere(ctx, 'credential_type', id, before.version);
    }
    const after = await ctx.q.training.getCredentialType(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'credential_type', entityId: id, before, after });
    return ok(after);
  },

  async 'training.listCredentials'(input, ctx) {
    if (!(await ctx.q.training.getStaff(input.staffId))) return err('not_found', 'training.staffNotFound');
    const page = await ctx.q.training.listCredentials(input);
    return ok({ rows: page.rows.map(credentialOut), total: page.total });
  },

  async 'training.createCredential'(input, ctx) {
    const c = normalised(input);
    const problem = await checkCredential(ctx, c, null);
    if (problem) return problem;
    // Whoever enters it saw the card or checked the registry: verified by is the signed-in user, never typed.
    const id = await ctx.q.training.insertCredential(c, ctx.user?.id ?? null, ctx.nowIso);
    const created = await ctx.q.training.getCredential(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff_credential', entityId: id, after: created });
    return ok(credentialOut(created));
  },

  async 'training.updateCredential'({ id, expectedVersion, ...input }, ctx) {
    const before = await ctx.q.training.getCredential(id);
    if (!before) return err('not_found', 'training.credentialNotFound');
    if (before.voidedAt !== null) return err('conflict', 'training.credentialVoided');
    if (before.version !== expectedVersion) return changedElsewhere(ctx, 'staff_credential', id, before.version);
    const c = normalised(input);
    const problem = await checkCredential(ctx, c, id);
    if (problem) return problem;
    if (!(await ctx.q.training.updateCredential(id, c, ctx.user?.id ?? null, ctx.nowIso, expectedVersion))) return changedElsewhere(ctx, 'staff_credential', id, before.version);
    const after = await ctx.q.training.getCredential(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff_credential', entityId: id, before, after });
    return ok(credentialOut(after));
  },

  async 'training.voidCredential'({ id, reason }, ctx) {
    const before = await ctx.q.training.getCredential(id);
    if (!before) return err('not_found', 'training.credentialNotFound');
    if (before.voidedAt !== null) return err('conflict', 'training.credentialVoided');
    await ctx.q.training.voidCredential(id, ctx.user?.id ?? null, reason, ctx.nowIso);
    const after = await ctx.q.training.getCredential(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff_credential', entityId: id, before, after });
    return ok(credentialOut(after));
  },

  async 'training.credentialsAsOf'({ staffId, asOf, windowDays }, ctx) {
    const items = (await credentialStandings(ctx, [staffId], asOf, windowDays)).get(staffId);
    if (!items) return err('not_found', 'training.staffNotFound');
    return ok({ staffId, asOf, items });
  },

  /** The signed-in person's own record, found through their account's staff link; nobody else's, ever. */
  async 'training.mine'(input, ctx) {
    const asOf = input.asOf ?? ctx.today;
    const me = ctx.user ? await ctx.q.training.staffOfUser(ctx.user.id) : undefined;
    if (!me) return ok({ asOf, windowDays: input.windowDays, staff: null, standing: [], records: [], credentials: [], inService: null });
    const standing = ((await credentialStandings(ctx, [me.id], asOf, input.windowDays)).get(me.id) ?? []).sort(byUrgency);
    const courses = new Map((await ctx.q.training.listCourses(true)).map((c) => [c.id, c]));
    const records = (await ctx.q.training.listRecords({ staffId: me.id, offset: 0, limit: 200, includeVoided: false })).rows.map((r) => {
      const course = courses.get(r.courseId);
      return { id: r.id, courseName: r.courseName, completedOn: r.completedOn, expiresOn: course ? expiryOf(r.completedOn, course.validity) : null, hours: r.hours, provider: r.provider, source: r.source };
    });
    const credentials = (await ctx.q.training.listCredentials({ staffId: me.id, offset: 0, limit: 200, includeVoided: false })).rows.map((c) => ({
      id: c.id,
      typeName: c.typeName,
      number: c.number,
      issuingState: c.issuingState,
      issuingBody: c.issuingBody,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
    }));
    let inService = null;
    if (IN_SERVICE_ROLES.includes(me.role)) {
      const done = await ctx.q.training.inServiceCompletions(addMonths(asOf, -12), asOf, me.id);
      inService = inServiceStanding(
        done.map((r) => ({ completedOn: r.completedOn, hours: r.hours, countsAsInService: true })),
        me.hireDate,
        asOf,
      );
    }
    return ok({
      asOf,
      windowDays: input.windowDays,
      staff: { name: me.name, employeeId: me.employeeId, role: me.role, unitName: me.unitName, hireDate: me.hireDate },
      standing,
      records,
      credentials,
      inService,
    });
  },
});
