import type { AuditFilterInput } from '../../../shared/contract/users';
import { dayRangeInstants } from '../../../shared/domain/privacy/zoned';
import { ListInput } from '../../../shared/contract/residents';
import { shiftEndAt } from '../../../shared/domain/privacy/shifts';
import { can } from '../../../shared/domain/roles';
import { auditAction, auditChanges } from '../../../shared/domain/privacy/audit-labels';
import { wordsFrom } from '../../../shared/domain/privacy/audit-words';
import { toCsv } from '../../../shared/domain/csv/write';
import { catalogs } from '../../../shared/i18n';
import { err, ok } from '../../../shared/result';
import type { AuditFilter } from '../../../db/queries/audit';
import { defineHandlers, type HandlerContext } from '../context';
import { usernameKey } from './throttle';

/** How many of the newest rows the quick check (start-up, opening the audit screen) verifies. */
export const TAIL_CHECK_ROWS = 200;

/** The viewer's filters as the query takes them: the facility's calendar days become instants in its zone. */
export function auditFilterOf(input: Omit<AuditFilterInput, 'offset' | 'limit'>, ctx: Pick<HandlerContext, 'timeZone'>): AuditFilter {
  const resident = input.residentId !== undefined ? { entity: 'resident', entityId: String(input.residentId) } : { entity: input.entity, entityId: input.entityId };
  return {
    ...resident,
    userId: input.userId,
    ...dayRangeInstants(input.from, input.to, ctx.timeZone),
    methods: input.action ? [input.action] : undefined,
    kinds: input.kind ? [input.kind] : undefined,
  };
}

/** The most rows one export holds: the newest first; narrower filters export the rest. */
export const AUDIT_EXPORT_MAX = 50_000;

export const privacyHandlers = defineHandlers({
  async 'audit.export'(input, ctx) {
    const page = await ctx.q.audit.list({ ...auditFilterOf(input, ctx), offset: 0, limit: AUDIT_EXPORT_MAX });
    const facility = await ctx.q.facility.get();
    const language = ctx.user?.language ?? facility?.defaultLanguage ?? 'en';
    const messages = catalogs[language];
    const w = wordsFrom(messages, language, ctx.timeZone);
    const header = ['when', 'person', 'station', 'kind', 'action', 'record', 'changes'].map((k) => w.t(`privacy.viewer.csv.${k}`));
    const csv = toCsv([
      header,
      ...page.rows.map((r) => [
        w.dateTime(r.at),
        r.userName ?? w.t('privacy.audit.system'),
        r.station ?? '',
        w.t(`privacy.viewer.kinds.${r.kind}`),
        auditAction(r, w),
        r.entityName ?? (r.entityId ? `${r.entity} #${r.entityId}` : ''),
        auditChanges(r, w, 50).join('; '),
      ]),
    ]);
    // What was exported and how much, never the rows themselves.
    ctx.audit({ entity: 'export', entityId: null, after: { document: 'audit.log', filters: input, rows: page.rows.length } });
    return ok({ fileName: `audit-log-${ctx.today}.csv`, csv, rows: page.rows.length, truncated: page.total > page.rows.length });
  },

  async 'audit.list'(input, ctx) {
    return ok(await ctx.q.audit.list({ ...auditFilterOf(input, ctx), offset: input.offset, limit: input.limit }));
  },

  async 'users.lockouts'(_input, ctx) {
    const accounts = [];
    for (const t of await ctx.q.throttle.locked(ctx.nowIso)) {
      const u = await ctx.q.users.getAuthByUsername(t.usernameKey);
      // The key is the typed name, normalised; show it only when it is that account's name.
      if (u && usernameKey(u.username) === t.usernameKey && t.lockedUntil) accounts.push({ userId: u.id, username: u.username, displayName: u.displayName, failures: t.failures, lockedUntil: t.lockedUntil });
    }
    const stations = (await ctx.q.stationThrottle.locked(ctx.nowIso)).map((s) => ({ station: s.station, failures: s.failures, lockedUntil: s.lockedUntil! }));
    return ok({ accounts, stations });
  },

  async 'users.unlock'(input, ctx) {
    if ('userId' in input) {
      const u = await ctx.q.users.getById(input.userId);
      if (!u) return err('not_found', 'users.notFound');
      await ctx.q.throttle.clear(usernameKey(u.username));
      ctx.audit({ entity: 'user', entityId: u.id, after: { unlocked: 'account', userId: u.id } });
    } else {
      await ctx.q.stationThrottle.clear(input.station);
      ctx.audit({ entity: 'station', entityId: null, after: { unlocked: 'station', station: input.station } });
    }
    return ok({});
  },

  async 'emergency.find'({ query }, ctx) {
    const page = await ctx.q.residents.list(ListInput.parse({ query, status: 'all', limit: 10 }), ctx.today);
    return ok(
      page.rows.map((r) => ({
        id: r.id,
        name: r.preferredName ? `${r.legalFamily}, ${r.legalGiven} (${r.preferredName})` : `${r.legalFamily}, ${r.legalGiven}`,
        recordNumber: r.recordNumber,
        dateOfBirth: r.dateOfBirth,
        place: r.location ? `${r.location.unitName} ${r.location.roomLabel}-${r.location.bedLabel}` : null,
      })),
    );
  },

  async 'emergency.open'({ residentId, reason }, ctx) {
    if (!ctx.user) return err('unauthenticated', 'error.unauthenticated');
    // A role that reads residents opens the record the ordinary way; the glass is for the others.
    if (can(ctx.user.role, 'residents.read')) return err('conflict', 'privacy.emergencyNotNeeded');
    if (!(await ctx.q.residents.current(residentId))) return err('not_found', 'residents.notFound');
    const facility = await ctx.q.facility.get();
    const shifts = await ctx.q.facility.shifts();
    const expiresAt = shiftEndAt(ctx.now, shifts, facility?.timeZone ?? ctx.timeZone);
    const grantId = await ctx.q.emergency.insert({ userId: ctx.user.id, residentId, reason, station: ctx.station, at: ctx.nowIso, expiresAt });
    ctx.audit({ entity: 'emergency_access', entityId: grantId, after: { residentId, reason, expiresAt } });
    return ok({ grantId, residentId, expiresAt });
  },

  async 'emergency.list'({ offset, limit, unreviewedOnly }, ctx) {
    const page = await ctx.q.emergency.list({ offset, limit, unreviewedOnly });
    return ok({ rows: page.rows.map(({ reviewedBy: _by, ...r }) => r), total: page.total });
  },

  async 'emergency.review'({ id }, ctx) {
    if (!ctx.user) return err('unauthenticated', 'error.unauthenticated');
    const grant = await ctx.q.emergency.get(id);
    if (!grant) return err('not_found', 'privacy.emergencyNotFound');
    if (!(await ctx.q.emergency.review(id, ctx.user.id, ctx.nowIso))) return err('conflict', 'privacy.emergencyReviewed');
    ctx.audit({ entity: 'emergency_access', entityId: id, before: { reviewedAt: null }, after: { reviewedAt: ctx.nowIso } });
    return ok({});
  },

  async 'audit.verify'({ scope }, ctx) {
    return ok(await ctx.q.audit.verify(scope === 'tail' ? { tail: TAIL_CHECK_ROWS } : {}));
  },
});
