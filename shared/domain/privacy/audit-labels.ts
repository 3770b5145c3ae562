/**
 * The audit trail in words a person reads: "Transferred O'Brien, José to Skilled 1, room 112-A", not
 * `residents.transfer {"location":{...}}`. Pure: the renderer passes i18next, main (the CSV export)
 * passes the same catalogs through shared/policy/messages, and both format dates the one way.
 */

export interface AuditRowLike {
  method: string;
  entity: string;
  entityId: string | null;
  /** The resident's or user's name, when the row is about one. */
  entityName?: string | null;
  kind: 'change' | 'access' | 'denied';
  before: unknown;
  after: unknown;
}

export type Params = Record<string, string | number>;

export interface Words {
  /** The first key of `keys` that the catalog has, interpolated; the last key's text otherwise. */
  t(keys: string | readonly string[], params?: Params): string;
  /** Whether the catalog has this key. */
  has(key: string): boolean;
  date(iso: string): string;
  dateTime(instant: string): string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The key of a method's own label: 'users.create' → 'privacy.method.users.create'. */
export const methodLabelKey = (method: string) => `privacy.method.${method}`;

export function methodLabel(method: string, w: Words): string {
  return w.has(methodLabelKey(method)) ? w.t(methodLabelKey(method)) : method;
}

/** "Skilled 1, room 112-A" from a stored location. */
function place(location: unknown, w: Words): string {
  if (!isObj(location)) return w.t('privacy.audit.noBed');
  return w.t('privacy.audit.place', { unit: str(location.unitName), room: str(location.roomLabel), bed: str(location.bedLabel) });
}

function documentName(doc: unknown, w: Words): string {
  const key = `privacy.document.${str(doc)}`;
  return w.has(key) ? w.t(key) : str(doc);
}

/** The action column: what happened, in a sentence. */
export function auditAction(e: AuditRowLike, w: Words): string {
  const a = isObj(e.after) ? e.after : {};
  const name = e.entityName ?? (e.entityId ? `#${e.entityId}` : '');
  if (e.kind === 'denied') return w.t('privacy.audit.denied', { action: methodLabel(e.method, w) });
  if (e.kind === 'access') {
    const filter = isObj(a.filter) ? a.filter : {};
    const suffix = a.emergency !== undefined ? w.t('privacy.audit.underEmergency') : '';
    switch (e.method) {
      case 'residents.get':
        return w.t('privacy.audit.opened', { name }) + suffix;
      case 'residents.history':
        return w.t('privacy.audit.readHistory', { name }) + suffix;
      case 'residents.list':
        return str(filter.query) ? w.t('privacy.audit.searched', { query: str(filter.query) }) : w.t('privacy.audit.viewedCensus');
      case 'residents.bedBoard':
        return w.t('privacy.audit.viewedBedBoard');
      case 'audit.list':
        return e.entityId ? w.t('privacy.audit.readAuditOf', { name }) : w.t('privacy.audit.readAudit');
      case 'emergency.find':
        return w.t('privacy.audit.emergencySearch', { query: str(filter.emergencyFind) });
      default:
        return w.t('privacy.audit.read', { action: methodLabel(e.method, w) });
    }
  }
  const outcome = str(a.outcome);
  switch (e.method) {
    case 'auth.signIn':
      return outcome === 'failed' ? w.t('privacy.audit.signInFailed', { failures: Number(a.failures ?? 1) }) : w.t('privacy.audit.signedIn');
    case 'auth.signOut':
      return w.t('privacy.audit.signedOut');
    case 'auth.lock':
      return a.reason === 'idle' ? w.t('privacy.audit.lockedIdle') : w.t('privacy.audit.locked');
    case 'auth.unlock':
      return outcome === 'failed' ? w.t('privacy.audit.unlockFailed') : w.t('privacy.audit.unlocked');
    case 'auth.changePassword':
      return outcome === 'wrong_password' ? w.t('privacy.audit.changePasswordFailed') : w.t('privacy.audit.changedPassword');
    case 'users.create':
      return w.t('privacy.audit.createdUser', { name: str(a.displayName) || name });
    case 'users.update':
      return w.t('privacy.audit.changedUser', { name });
    case 'users.resetPassword':
      return w.t('privacy.audit.resetPassword', { name });
    case 'users.unlock':
      return a.unlocked === 'station' ? w.t('privacy.audit.unlockedStation', { station: str(a.station) }) : w.t('privacy.audit.unlockedAccount', { name });
    case 'residents.admit':
    case 'residents.importCommit':
      return w.t(e.method === 'residents.admit' ? 'privacy.audit.admitted' : 'privacy.audit.imported', { name, place: place(a.location, w) });
    case 'residents.transfer':
      return w.t('privacy.audit.transferred', { name, place: place(a.location, w) });
    case 'residents.changeStatus': {
      const status = str(a.status);
      return w.t('privacy.audit.statusChanged', { name, status: w.has(`residents.value.status.${status}`) ? w.t(`residents.value.status.${status}`) : status });
    }
    case 'residents.update':
      return w.t('privacy.audit.changedResident', { name });
    case 'residents.markEnteredInError':
      return w.t('privacy.audit.enteredInError', { name, reason: isObj(a.enteredInError) ? str(a.enteredInError.reason) : '' });
    case 'print.pdf':
      return w.t('privacy.audit.printed', { document: documentName(a.document, w) });
    case 'print.finished':
      return w.t(a.saved === true ? 'privacy.audit.printSaved' : 'privacy.audit.printCancelled', { document: documentName(a.document, w) });
    case 'emergency.open':
      return w.t('privacy.audit.emergencyOpened', { name, reason: str(a.reason) });
    default:
      return methodLabel(e.method, w);
  }
}

// Keys that say nothing to a reader (bookkeeping) or that the action already says.
const SKIPPED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'imported', 'outcome', 'failures', 'reason', 'filter', 'emergency', 'document', 'saved', 'suggestedName', 'enteredInError']);
// Where a field's values are words in the residents catalog.
const VALUE_SETS: Record<string, string> = {
  status: 'status',
  codeStatus: 'codeStatus',
  codeStatusForm: 'codeStatusForm',
  sex: 'sex',
  dietType: 'dietType',
  iddsiFood: 'iddsiFood',
  iddsiDrink: 'iddsiDrink',
  transfer: 'transfer',
  aid: 'aid',
  fallRisk: 'risk',
  wanderingRisk: 'risk',
  isolation: 'isolation',
};

function value(key: string, v: unknown, w: Words): string {
  if (key === 'location') return place(v, w);
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return w.t(v ? 'privacy.audit.yes' : 'privacy.audit.no');
  if (key === 'role' && typeof v === 'string') return w.has(`roles.${v}`) ? w.t(`roles.${v}`) : v;
  if (key === 'language' && (v === 'en' || v === 'es')) return w.t(`app.languages.${v}`);
  if (typeof v === 'string') {
    const set = VALUE_SETS[key];
    if (set && w.has(`residents.value.${set}.${v}`)) return w.t(`residents.value.${set}.${v}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return w.date(v);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v)) return w.dateTime(v);
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (key === 'allergies' && isObj(v)) {
    if (v.state === 'listed' && Array.isArray(v.items)) return v.items.map((i) => (isObj(i) ? str(i.substance) : '')).filter(Boolean).join(', ');
    return w.has(`residents.value.allergyState.${str(v.state)}`) ? w.t(`residents.value.allergyState.${str(v.state)}`) : str(v.state);
  }
  if (Array.isArray(v)) return w.t('privacy.audit.items', { count: v.length });
  return w.t('privacy.audit.changedValue');
}

function fieldLabel(key: string, w: Words): string {
  for (const k of [`residents.field.${key}`, `privacy.auditField.${key}`]) if (w.has(k)) return w.t(k);
  return key;
}

/** The change column: "Field: before → after" for each field that changed (at most `max`). */
export function auditChanges(e: AuditRowLike, w: Words, max = 8): string[] {
  if (e.kind !== 'change' || !isObj(e.after)) return [];
  const b = isObj(e.before) ? e.before : null;
  const a = e.after;
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  const keys = [...new Set([...(b ? Object.keys(b) : []), ...Object.keys(a)])].filter(
    // A field only the "after" names, and empty there, changed nothing anyone would read.
    (k) => !SKIPPED.has(k) && JSON.stringify(b?.[k]) !== JSON.stringify(a[k]) && !(!(b && k in b) && empty(a[k])),
  );
  // A record created: its fields are not "changes"; the action says it was created.
  if (b === null && e.method !== 'residents.transfer' && e.method !== 'residents.changeStatus') return [];
  return keys.slice(0, max).map((k) => (b && k in b ? w.t('privacy.audit.change', { field: fieldLabel(k, w), before: value(k, b[k], w), after: value(k, a[k], w) }) : w.t('privacy.audit.set', { field: fieldLabel(k, w), value: value(k, a[k], w) })));
}
