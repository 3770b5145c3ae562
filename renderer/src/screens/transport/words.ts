import { WallResolver } from '../../../../shared/domain/appointments/resolver';
import { formatLocal, parseLocal } from '../../../../shared/domain/appointments/local-time';
import { formatConflictParams, type TransportMode } from '../../../../shared/domain/transport';
import type { FieldIssue } from '../../../../shared/result';
import { clockTime, t } from '../../i18n';
import { displayDate } from '../../print';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DDTHH:mm' on the facility's clocks for an instant. */
export function wallOf(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return formatLocal(new WallResolver(timeZone, ms - 2 * DAY_MS, ms + 2 * DAY_MS).wallOf(ms));
}

/** The instant of a facility wall time ('YYYY-MM-DD' + 'HH:mm'), or null when it is not a time. */
export function instantOf(date: string, time: string, timeZone: string): string | null {
  const wall = parseLocal(`${date}T${time}`);
  if (wall === null) return null;
  return new Date(new WallResolver(timeZone, wall - 2 * DAY_MS, wall + 2 * DAY_MS).instant(wall)).toISOString();
}

export function modesText(modes: readonly TransportMode[]): string {
  return modes.map((m) => t(`transport.mode.${m}`)).join(' + ');
}

/** A conflict in words: "Van 1 is already on a trip 09:00–10:30 (Ana Ruiz)." */
export function conflictText(issue: FieldIssue, language: string): string {
  const params = formatConflictParams(issue.params ?? {}, { time: clockTime, date: (d) => displayDate(d, language), mode: (m) => t(`transport.modeInText.${m}`) });
  return t(`transport.conflict.${issue.code}`, params);
}
