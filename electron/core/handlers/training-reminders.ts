import type { ReminderGroup as ReminderGroupOut, RemindersInput } from '../../../shared/contract/training-reminders';
import { languageOf, trainingCatalogs } from '../../../shared/i18n/training';
import { remindersCsv, remindersFor, type ReminderGroup, type ReminderManager } from '../../../shared/domain/training/reminders';
import { ok } from '../../../shared/result';
import { defineHandlers, type HandlerContext } from '../context';
import { loadColumns, loadLatest } from './training-columns';

/**
 * The reminders list: the lapsing list (courses and licences, the one status rule) regrouped per manager —
 * a unit's or a role's — each person once with what lapses in the window.
 */
async function compute(ctx: HandlerContext, input: RemindersInput) {
  const columns = await loadColumns(ctx);
  const roster = await ctx.q.training.roster(input.asOf);
  const latest = await loadLatest(ctx, columns, input.asOf);
  const units = await ctx.q.facility.units();
  const manager: ReminderManager | undefined = input.manager ?? undefined;
  // A manager of the other grouping is the caller's mistake; it lists nobody rather than someone else's team.
  const groups: ReminderGroup[] =
    manager !== undefined && manager.by !== input.by
      ? []
      : remindersFor({
          roster,
          columns,
          latest,
          asOf: input.asOf,
          withinDays: input.withinDays,
          by: input.by,
          includeLapsed: input.includeLapsed,
          unitOrder: units.map((u) => u.id),
          ...(manager ? { manager } : {}),
        });
  return { columns, roster, units, groups };
}

export const remindersHandlers = defineHandlers({
  async 'training.reminders'({ offset, limit, ...input }, ctx) {
    const { columns, roster, units, groups } = await compute(ctx, input);
    const staff = new Map(roster.map((s) => [s.id, s]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    let people = 0;
    let items = 0;
    let taken = 0;
    const page: ReminderGroupOut[] = [];
    // Paged by person across the groups, in order: a page may end inside a group and the next carry on.
    for (const g of groups) {
      const out: ReminderGroupOut = {
        by: g.by,
        unitId: g.by === 'unit' ? g.unitId : null,
        role: g.by === 'role' ? g.role : null,
        unitName: g.by === 'unit' && g.unitId !== null ? (unitName.get(g.unitId) ?? null) : null,
        people: [],
      };
      for (const p of g.people) {
        items += p.items.length;
        if (people++ < offset || taken >= limit) continue;
        taken++;
        const s = staff.get(p.staffId)!;
        out.people.push({
          staffId: s.id,
          name: s.name,
          employeeId: s.employeeId,
          role: s.role,
          unitName: s.unitName,
          firstLapse: p.firstLapse,
          items: p.items.map((i) => {
            const column = columns[i.courseId]!;
            return { kind: column.kind, id: column.refId, name: column.name, status: i.status, completedOn: i.completedOn, lapsesOn: i.lapsesOn, daysLeft: i.daysLeft };
          }),
        });
      }
      if (out.people.length > 0) page.push(out);
    }
    return ok({ asOf: input.asOf, withinDays: input.withinDays, groups: page, people, items });
  },

  async 'training.remindersCsv'(input, ctx) {
    const { columns, roster, units, groups } = await compute(ctx, input);
    const facility = await ctx.q.facility.get();
    const language = languageOf(ctx.user?.language ?? facility?.defaultLanguage ?? 'en');
    const staff = new Map(roster.map((s) => [s.id, s]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const csv = remindersCsv(
      groups,
      {
        unit: (id) => (id === null ? trainingCatalogs[language].filters.noUnit : (unitName.get(id) ?? '')),
        staff: (id) => ({ name: staff.get(id)?.name ?? '', employeeId: staff.get(id)?.employeeId ?? '' }),
        column: (id) => columns[id]?.name ?? '',
      },
      language,
    );
    const rows = groups.reduce((n, g) => n + g.people.reduce((m, p) => m + p.items.length, 0), 0);
    // The filters and the count, never the exported rows themselves.
    ctx.audit({ entity: 'export', entityId: null, after: { document: 'training.reminders', filters: input, rows } });
    return ok({ fileName: `training-reminders-${input.asOf}.csv`, csv, rows });
  },
});
