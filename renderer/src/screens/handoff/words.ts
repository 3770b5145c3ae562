import type { HandoffRowOut, SheetOut } from '../../../../shared/contract/handoff';
import type { ClinicalField } from '../../../../shared/domain/residents/clinical';
import { iddsiNumber } from '../../../../shared/domain/residents/vocabulary';
import { formatDate, formatDateTime } from '../../../../shared/domain/date-display';
import { calendarDateIn } from '../../../../shared/domain/dates';
import { shiftName, t } from '../../i18n';

/**
 * The words of the handoff, shared by the screen and the paper so both say the same thing. Every
 * clinical value that is null reads "Not assessed" (allergies: "Allergies not recorded"): never an
 * empty cell, never a default. Only characters of the bundled print font: words, not symbols.
 */

type Row = Pick<HandoffRowOut, 'legalGiven' | 'legalFamily' | 'preferredName'>;

export const NOT_ASSESSED = () => t('handoff.notAssessed');

const clocks = new Map<string, Intl.DateTimeFormat>();
/** "14:02" on the facility's clock. */
function clockOf(instant: string, language: string, timeZone: string): string {
  const key = `${language}|${timeZone}`;
  let f = clocks.get(key);
  if (!f) clocks.set(key, (f = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })));
  return f.format(new Date(instant));
}

/** "O'Brien, José (Pepe)". */
export function nameOf(r: Row): string {
  const base = `${r.legalFamily}, ${r.legalGiven}`;
  return r.preferredName ? `${base} (${r.preferredName})` : base;
}

export function roomOf(r: Pick<HandoffRowOut, 'place'>): string {
  return r.place ? `${r.place.roomLabel}-${r.place.bedLabel}` : t('residents.noBed');
}

/** Date of birth with age, always beside the name: two residents may share one. */
export function dobOf(r: Pick<HandoffRowOut, 'dateOfBirth' | 'age'>, language: string): string {
  const dob = formatDate(r.dateOfBirth, language);
  return r.age === null ? dob : t('residents.dobWithAge', { dob, age: r.age });
}

export function codeStatusText(code: HandoffRowOut['codeStatus']): string {
  return code === null ? NOT_ASSESSED() : t(`residents.value.codeStatus.${code}`);
}

export function severityWord(severity: string): string {
  return t(`residents.value.severity.${severity}`);
}

/** Allergy items as words, severe ones first and named as severe. */
export function allergyItems(a: HandoffRowOut['allergies']): { text: string; severe: boolean }[] {
  if (a.state === 'not_recorded') return [{ text: t('residents.allergy.notRecorded'), severe: false }];
  if (a.state === 'nka') return [{ text: t('handoff.words.nka'), severe: false }];
  return a.items.map((i) => ({
    text: [i.substance, i.reaction ? `(${i.reaction})` : '', i.severity !== 'severe' && i.severity !== 'unknown' ? `– ${severityWord(i.severity)}` : ''].filter(Boolean).join(' '),
    severe: i.severity === 'severe',
  }));
}

export function dietLines(d: HandoffRowOut['diet']): string[] {
  const food = d.food === null ? NOT_ASSESSED() : t(`residents.value.iddsiFood.${d.food}`);
  const drink = d.drink === null ? NOT_ASSESSED() : t(`residents.value.iddsiDrink.${d.drink}`);
  return [
    d.type === null ? t('handoff.words.dietNotAssessed') : t(`residents.value.dietType.${d.type}`) + (d.note ? ` – ${d.note}` : ''),
    t('handoff.words.food', { level: food }),
    t('handoff.words.drinks', { level: drink }),
  ];
}

/** IDDSI numbers for a narrow cell: "IDDSI 5/2". */
export function iddsiShort(d: HandoffRowOut['diet']): string {
  return t('residents.page.iddsiLevels', { food: d.food === null ? '?' : iddsiNumber(d.food), drink: d.drink === null ? '?' : iddsiNumber(d.drink) });
}

export function mobilityText(m: HandoffRowOut['mobility']): string {
  const transfer = m.transfer === null ? t('handoff.words.transferNotAssessed') : t(`residents.value.transfer.${m.transfer}`);
  const aid = m.aid === null ? t('handoff.words.aidNotAssessed') : t(`residents.value.aid.${m.aid}`);
  return [transfer, aid, m.bariatric ? t('handoff.words.bariatric') : ''].filter(Boolean).join(' · ');
}

export function riskText(kind: 'fall' | 'wander', level: HandoffRowOut['fallRisk']): string {
  return t(`handoff.words.${kind}`, { level: level === null ? NOT_ASSESSED() : t(`residents.value.risk.${level}`) });
}

export function isolationText(i: HandoffRowOut['isolation']): string {
  return i === null ? NOT_ASSESSED() : t(`residents.value.isolation.${i}`);
}

export function awayText(a: NonNullable<HandoffRowOut['away']>, language: string, timeZone: string): string {
  if (a.kind === 'appointment') return t('handoff.words.outAppointment', { back: formatDateTime(a.expectedBackAt, language, timeZone) });
  return t(`handoff.words.out_${a.kind}`, { date: formatDate(a.since, language) });
}

const clinicalWord = (f: ClinicalField) => t(`handoff.clinicalField.${f}`);

/**
 * "14:02 Back from hospital", "Mar 1, 2026, 22:10 Moved from …": the time alone for today (a narrow
 * column), the date too for yesterday.
 */
export function eventText(e: HandoffRowOut['events'][number], language: string, timeZone: string): string {
  const when = calendarDateIn(new Date(e.at), timeZone) === calendarDateIn(new Date(), timeZone) ? clockOf(e.at, language, timeZone) : formatDateTime(e.at, language, timeZone);
  switch (e.kind) {
    case 'admitted':
    case 'readmitted':
      return t(`handoff.event.${e.kind}`, { when });
    case 'returned':
      return t(e.from === 'leave' ? 'handoff.event.returnedLeave' : 'handoff.event.returnedHospital', { when });
    case 'status':
      return t('handoff.event.status', { when, status: t(`residents.value.status.${e.status}`) });
    case 'moved':
      return t('handoff.event.moved', { when, from: e.from ?? t('residents.noBed'), to: e.to ?? t('residents.noBed') });
    case 'clinical':
      return t('handoff.event.clinical', { when, fields: e.fields.map(clinicalWord).join(', ') });
  }
}

type Change = HandoffRowOut['changes'][number];

/** The mark printed on a changed cell, in capitals so it reads in black and white: "CHANGED (was Full Code)". */
export function changeMark(c: Change): string {
  switch (c.kind) {
    case 'admitted':
    case 'moved_in':
    case 'returned':
      return t(`handoff.mark.${c.kind}`);
    case 'code_status':
      return t('handoff.mark.changedWas', { was: codeStatusText(c.before) });
    case 'allergies':
      return c.added.length > 0 ? t('handoff.mark.newAllergy', { items: c.added.map((i) => i.substance).join(', ') }) : t('handoff.mark.changed');
    case 'fall_risk':
    case 'wandering_risk':
      return t('handoff.mark.changedWas', { was: c.before === null ? NOT_ASSESSED() : t(`residents.value.risk.${c.before}`) });
    case 'isolation':
      return t('handoff.mark.changedWas', { was: isolationText(c.before) });
    case 'appointment_new':
      return t('handoff.mark.newAppointment');
    case 'trip_new':
      return t('handoff.mark.newTrip');
    default:
      return t('handoff.mark.changed');
  }
}

export function changesOf(r: HandoffRowOut, ...kinds: Change['kind'][]): Change[] {
  return r.changes.filter((c) => kinds.includes(c.kind));
}

/** One difference as a sentence for the acknowledgment's review: who, and what changed. */
export function differenceText(c: Change, who: string): string {
  switch (c.kind) {
    case 'left':
      return t('handoff.review.left', { who: nameOf({ legalFamily: c.name.family, legalGiven: c.name.given, preferredName: c.name.preferred }) });
    case 'code_status':
      return t('handoff.review.codeStatus', { who, before: codeStatusText(c.before), after: codeStatusText(c.after) });
    case 'allergies': {
      const parts = [
        c.added.length > 0 ? t('handoff.review.allergyAdded', { items: c.added.map((i) => `${i.substance}${i.severity === 'severe' ? ` (${severityWord('severe')})` : ''}`).join(', ') }) : '',
        c.removed.length > 0 ? t('handoff.review.allergyRemoved', { items: c.removed.map((i) => i.substance).join(', ') }) : '',
        c.changed.length > 0 ? t('handoff.review.allergyChanged', { items: c.changed.map((i) => `${i.substance} (${severityWord(i.severity)})`).join(', ') }) : '',
      ].filter(Boolean);
      return t('handoff.review.allergies', { who, what: parts.length > 0 ? parts.join('; ') : t(`handoff.review.allergyState.${c.after}`) });
    }
    case 'went_out':
      return t('handoff.review.wentOut', { who, to: t(`handoff.review.to_${c.to}`) });
    case 'fall_risk':
    case 'wandering_risk': {
      const level = (v: typeof c.before) => (v === null ? NOT_ASSESSED() : t(`residents.value.risk.${v}`));
      return t(`handoff.review.${c.kind}`, { who, before: level(c.before), after: level(c.after) });
    }
    case 'isolation':
      return t('handoff.review.isolation', { who, before: isolationText(c.before), after: isolationText(c.after) });
    default:
      return t(`handoff.review.${c.kind}`, { who });
  }
}

/** "Day 07:00–15:00". */
export function shiftText(s: Pick<SheetOut['shift'], 'name' | 'start' | 'end'>): string {
  return t('handoff.shiftLabel', { name: shiftName(s.name), start: s.start, end: s.end });
}

export function coverageText(c: SheetOut['coverage']): string {
  return c.result === 'ok' ? t('handoff.coverage.ok') : t(`handoff.coverage.${c.result}`);
}

/** A note as one text for paper: labelled parts, actions with owner and due time. */
export function noteText(r: HandoffRowOut, language: string): string {
  const n = r.note;
  const lines: string[] = [];
  const part = (label: string, text: string | null) => {
    if (text) lines.push(`${label}: ${text}`);
  };
  if (n?.template === 'sbar') {
    part(t('handoff.field.situation'), n.situation);
    part(t('handoff.field.background'), n.background);
    part(t('handoff.field.assessment'), n.assessment);
    part(t('handoff.field.recommendation'), n.recommendation);
  } else if (n) {
    part(t('handoff.fieldShort.summary'), n.summary);
  }
  if (r.actions.length > 0) {
    const items = r.actions.map((a) => {
      const extra = [a.owner ? t('handoff.actions.by', { owner: a.owner }) : '', a.dueTime ? t('handoff.actions.dueAt', { time: a.dueTime, date: a.dueDate ? formatDate(a.dueDate, language) : '' }) : '', a.overdue ? t('handoff.actions.overdue') : '']
        .filter(Boolean)
        .join(', ');
      return extra ? `${a.text} (${extra})` : a.text;
    });
    lines.push(`${t('handoff.fieldShort.actions')}: ${items.join('; ')}`);
  }
  if (n?.template !== 'sbar') part(t('handoff.fieldShort.awareness'), n?.awareness ?? null);
  return lines.join('\n');
}
