// The census is walked "by unit, then room, then bed" in door order (compareRoomLabels). SQLite
// cannot call our comparator in an index, so each occupied resident row stores one string whose
// plain binary order is that order:
//   unit sort order (6 digits) · unit id (9 digits) · room key · bed key
// Room and bed keys encode each number chunk as its digit count then the digits ("10" → "#0210"),
// which orders numbers by value without a width limit, and text chunks as "~text" ('#' < '~', so
// numbers come before text as in compareRoomLabels). Separators sort below every chunk start, so a
// label that is a prefix of another ("10" < "10A") comes first.

const CHUNK = /[0-9]+|[^0-9\s\p{P}\p{S}]+/gu;
const SEPARATOR = '\u0002';
const FIELD = '\u0001';

export function labelSortKey(label: string): string {
  const parts: string[] = [];
  for (const [piece] of label.matchAll(CHUNK)) {
    if (/^[0-9]/.test(piece)) {
      const digits = piece.replace(/^0+(?=\d)/, '');
      parts.push(`#${String(digits.length).padStart(2, '0')}${digits}`);
    } else {
      parts.push(`~${piece.toLowerCase()}`);
    }
  }
  return parts.join(SEPARATOR);
}

export function locationKey(p: { unitSortOrder: number; unitId: number; roomLabel: string; bedLabel: string }): string {
  const pad = (n: number, w: number) => String(Math.max(0, Math.trunc(n))).padStart(w, '0');
  return [pad(p.unitSortOrder, 6), pad(p.unitId, 9), labelSortKey(p.roomLabel), labelSortKey(p.bedLabel)].join(FIELD);
}
