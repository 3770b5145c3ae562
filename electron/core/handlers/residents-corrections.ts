import type { CorrectableEntry } from '../../../shared/contract/residents';
import type { ResidentStatus } from '../../../shared/domain/residents/vocabulary';
import type { FieldIssue } from '../../../shared/result';
import type { HandlerContext } from '../context';
import { bedIssues } from './residents-rules';

/**
 * "Entered in error": a director of nursing or an administrator takes back the latest status change
 * or the latest move, with a reason. Nothing is deleted: the mistaken row is marked (who, when, why)
 * and stays in the history, struck through, and the state before it is restored — the earlier status
 * period and, when the mistake freed a bed, that bed if it is still free, else one they choose.
 *
 * Only the latest entry of each kind can be taken back, one at a time, so what is restored is always
 * a state the record really had. Status changes and moves are independent except where a status
 * change moves the bed: a discharge or a death releases it (no move can follow), a readmission opens
 * one (a move after it must be taken back first).
 */

type Timeline = Awaited<ReturnType<HandlerContext['q']['residents']['timeline']>>;
type Period = Timeline['periods'][number];
type Assignment = Timeline['assignments'][number];

/** What taking one entry back does, worked out from the stored history. */
export interface CorrectionPlan {
  entry: CorrectableEntry;
  /** The status period to mark (status entries). */
  period: Period | null;
  /** The period reopened (status entries). */
  reopen: Period | null;
  /** The bed assignment to mark: a move, or the bed a readmission opened. */
  markAssignment: Assignment | null;
  /** The assignment closed by the entry, reopened when its bed is free. */
  reopenAssignment: Assignment | null;
}

/** Why an entry named by the caller cannot be taken back (field `entryId`). */
export type NotCorrectable = 'unknown_entry' | 'already_in_error' | 'admission_not_correctable' | 'not_latest' | 'correct_move_first';

const occupiesBed = (s: ResidentStatus) => s === 'active' || s === 'hospital' || s === 'leave';

export async function correctionPlans(id: number, ctx: Pick<HandlerContext, 'q'>): Promise<{ plans: CorrectionPlan[]; timeline: Timeline; blockedReadmission: number | null }> {
  const q = ctx.q.residents;
  const timeline = await q.timeline(id);
  const periods = timeline.periods.filter((p) => p.inError === null);
  const beds = timeline.assignments.filter((a) => a.inError === null);
  const plans: CorrectionPlan[] = [];
  const place = async (bedId: number) => {
    const b = await q.bedInfo(bedId);
    return b ? q.placeLabel(b) : String(bedId);
  };
  /** The bed a correction would put the resident back in, and whether it still can. */
  const bedBack = async (bedId: number) => {
    const b = await q.bedInfo(bedId);
    const takenBy = b && b.occupantId !== null && b.occupantId !== id ? await q.nameOf(b.occupantId) : null;
    return { bedId, place: b ? q.placeLabel(b) : String(bedId), free: b !== undefined && b.bedActive && (b.occupantId === null || b.occupantId === id), takenBy };
  };
  let blockedReadmission: number | null = null;

  const open = periods.at(-1);
  const previous = periods.at(-2);
  if (open && previous && open.to === null) {
    const lastBed = beds.at(-1);
    let markAssignment: Assignment | null = null;
    let reopenAssignment: Assignment | null = null;
    let bed: CorrectableEntry['restores']['bed'] = null;
    let frees: string | null = null;
    let blocked = false;
    if (!occupiesBed(open.status) && occupiesBed(previous.status)) {
      // A discharge or a death released the bed; no move can follow one, so the latest assignment
      // is the one it closed.
      if (lastBed && lastBed.to !== null) {
        reopenAssignment = lastBed;
        bed = await bedBack(lastBed.bedId);
      }
    } else if (occupiesBed(open.status) && !occupiesBed(previous.status)) {
      // A readmission opened a bed: only while that is still the open one can it be taken back.
      if (lastBed && lastBed.to === null && lastBed.reason === 'readmission' && lastBed.from === open.from) {
        markAssignment = lastBed;
        frees = await place(lastBed.bedId);
      } else blocked = true;
    }
    if (blocked) blockedReadmission = open.id;
    else
      plans.push({
        entry: { kind: 'status', entryId: open.id, status: open.status, place: null, date: open.from, restores: { status: previous.status, since: previous.from, bed, frees } },
        period: open,
        reopen: previous,
        markAssignment,
        reopenAssignment,
      });
  }

  const move = beds.at(-1);
  const before = beds.at(-2);
  if (move && before && move.to === null && (move.reason === 'transfer' || move.reason === 'correction')) {
    const current = (await q.current(id))!;
    plans.push({
      entry: {
        kind: 'move',
        entryId: move.id,
        status: null,
        place: await place(move.bedId),
        date: move.from,
        restores: { status: current.status, since: current.statusSince, bed: await bedBack(before.bedId), frees: await place(move.bedId) },
      },
      period: null,
      reopen: null,
      markAssignment: move,
      reopenAssignment: before,
    });
  }
  return { plans, timeline, blockedReadmission };
}

/** The entries the screen may offer, with what each restores. */
export async function correctableEntries(id: number, ctx: Pick<HandlerContext, 'q'>): Promise<CorrectableEntry[]> {
  return (await correctionPlans(id, ctx)).plans.map((p) => p.entry);
}

/** The plan for the entry named, or why there is none. */
export async function planFor(id: number, kind: 'status' | 'move', entryId: number, ctx: Pick<HandlerContext, 'q'>): Promise<CorrectionPlan | NotCorrectable> {
  const { plans, timeline, blockedReadmission } = await correctionPlans(id, ctx);
  const plan = plans.find((p) => p.entry.kind === kind && p.entry.entryId === entryId);
  if (plan) return plan;
  const rows: readonly { id: number; inError: string | null }[] = kind === 'status' ? timeline.periods : timeline.assignments;
  const row = rows.find((r) => r.id === entryId);
  if (!row) return 'unknown_entry';
  if (row.inError !== null) return 'already_in_error';
  if (kind === 'status' && blockedReadmission === entryId) return 'correct_move_first';
  const first = rows.find((r) => r.inError === null);
  // The admission itself (first period, first bed) is not a change to take back.
  if (first?.id === entryId) return 'admission_not_correctable';
  return 'not_latest';
}

/**
 * Puts the plan into effect in the call's transaction. `bedId` is the bed chosen when the one the
 * resident had before is not free; an error names the field.
 */
export async function applyCorrection(
  id: number,
  plan: CorrectionPlan,
  input: { reason: string; bedId: number | null },
  ctx: Pick<HandlerContext, 'q' | 'nowIso' | 'user'>,
): Promise<FieldIssue[]> {
  const q = ctx.q.residents;
  const mark = { at: ctx.nowIso, by: ctx.user?.id ?? null, reason: input.reason };
  const back = plan.entry.restores.bed;
  if (back === null && input.bedId !== null) return [{ path: 'bedId', code: 'bed_not_needed' }];
  if (back !== null && input.bedId === null && !back.free) {
    return [{ path: 'bedId', code: 'bed_taken_since', params: { bed: back.place, ...(back.takenBy ? { by: back.takenBy } : {}) } }];
  }
  if (back !== null && input.bedId !== null) {
    if (plan.markAssignment && input.bedId === plan.markAssignment.bedId) return [{ path: 'bedId', code: 'same_bed' }];
    const issues = await bedIssues(null, input.bedId, ctx);
    if (issues.length > 0) return issues;
  }

  if (plan.period && plan.reopen) {
    await q.markPeriodInError(plan.period.id, mark);
    await q.reopenPeriod(plan.reopen.id);
    await q.setStatus(id, plan.reopen.status, plan.reopen.from, ctx.nowIso);
  }
  if (plan.markAssignment) {
    await q.markAssignmentInError(plan.markAssignment.id, mark);
    // Free the mistaken bed first: the unique index on residents.bed_id refuses a swap otherwise.
    await q.placeInBed(id, null, ctx.nowIso);
  }
  if (back !== null) {
    if (input.bedId === null && plan.reopenAssignment) {
      await q.reopenAssignment(plan.reopenAssignment.id);
      await q.placeInBed(id, plan.reopenAssignment.bedId, ctx.nowIso);
    } else if (input.bedId !== null) {
      // The bed they had is taken: they go back to the one chosen, from the date of the mistaken
      // entry — as far as the record knows they never left the place it claims they left.
      await q.openAssignment(id, { bedId: input.bedId, date: plan.entry.date, reason: 'correction', note: input.reason, at: ctx.nowIso, by: ctx.user?.id ?? null });
      await q.placeInBed(id, input.bedId, ctx.nowIso);
    }
  }
  return [];
}
