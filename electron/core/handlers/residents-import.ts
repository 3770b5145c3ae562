import { AdmitInput, type ImportPreview, type ImportRowIssue } from '../../../shared/contract/residents';
import { mapColumns, normalizeLabel } from '../../../shared/domain/csv/columns';
import { detectDateFormat, parseDateAs, resolveDateReading, type ImportDateFormat } from '../../../shared/domain/csv/dates';
import { parseCsv } from '../../../shared/domain/csv/parse';
import {
  allergySeverities,
  codeStatuses,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  isolationPrecautions,
  mobilityAids,
  riskLevels,
  sexes,
  transferAssists,
} from '../../../shared/domain/residents/vocabulary';
import { err, fieldError, ok, type Result } from '../../../shared/result';
import type { HandlerContext } from '../context';
import { toFieldIssues } from '../validation';
import { admissionIssues, type AdmissionBatch } from './residents-rules';

/** Header aliases per field, English and Spanish, matched ignoring case, accents and punctuation. */
const COLUMNS = {
  recordNumber: ['record number', 'record_number', 'mrn', 'resident id', 'medical record number', 'número de expediente', 'expediente'],
  legalGiven: ['given name', 'legal given', 'first name', 'first', 'nombre', 'nombres'],
  legalFamily: ['family name', 'legal family', 'last name', 'surname', 'last', 'apellido', 'apellidos'],
  preferredName: ['preferred name', 'preferred', 'goes by', 'nombre preferido'],
  dateOfBirth: ['date of birth', 'dob', 'birth date', 'birthdate', 'fecha de nacimiento'],
  sex: ['sex', 'gender', 'sexo'],
  unit: ['unit', 'wing', 'floor', 'unidad'],
  room: ['room', 'habitación', 'habitacion'],
  bed: ['bed', 'cama'],
  admittedOn: ['admitted on', 'admission date', 'admitted', 'fecha de ingreso'],
  codeStatus: ['code status', 'code', 'resuscitation status', 'estado de código', 'código'],
  allergies: ['allergies', 'allergy', 'alergias'],
  dietType: ['diet', 'diet type', 'dieta'],
  iddsiFood: ['iddsi food', 'food texture', 'texture', 'textura'],
  iddsiDrink: ['iddsi drink', 'drink', 'liquids', 'fluid consistency', 'líquidos'],
  transfer: ['transfer', 'transfer assist', 'transferencia'],
  aid: ['aid', 'mobility aid', 'mobility', 'ayuda'],
  fallRisk: ['fall risk', 'riesgo de caída'],
  wanderingRisk: ['wandering risk', 'elopement risk', 'riesgo de fuga'],
  isolation: ['isolation', 'precautions', 'aislamiento'],
  language: ['language', 'idioma'],
  interpreterNeeded: ['interpreter', 'interpreter needed', 'intérprete'],
  physicianName: ['physician', 'doctor', 'médico'],
  pharmacyName: ['pharmacy', 'farmacia'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['recordNumber', 'legalGiven', 'legalFamily', 'dateOfBirth', 'unit', 'room', 'codeStatus'];

/** Spreadsheet words for our stored keys, compared with normalizeLabel. */
const WORDS: Record<string, Record<string, string>> = {
  codeStatus: { fullcode: 'full_code', full: 'full_code', dnr: 'dnr', dnrdni: 'dnr_dni', comfortcare: 'comfort_care', comfort: 'comfort_care', cmo: 'comfort_care', codigocompleto: 'full_code', cuidadosdeconfort: 'comfort_care' },
  sex: { f: 'female', female: 'female', woman: 'female', m: 'male', male: 'male', man: 'male', u: 'unknown', mujer: 'female', hombre: 'male', femenino: 'female', masculino: 'male', otro: 'other' },
  interpreterNeeded: { yes: 'true', y: 'true', true: 'true', si: 'true', '1': 'true', no: 'false', n: 'false', false: 'false', '0': 'false' },
  isolation: { no: 'none', ninguno: 'none', ninguna: 'none', contacto: 'contact', gotitas: 'droplet', aereo: 'airborne' },
  fallRisk: { bajo: 'low', moderado: 'moderate', alto: 'high' },
  wanderingRisk: { bajo: 'low', moderado: 'moderate', alto: 'high' },
};

function vocabulary(keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [normalizeLabel(k), k]));
}
const VOCAB: Record<string, Record<string, string>> = {
  codeStatus: vocabulary(codeStatuses),
  sex: vocabulary(sexes),
  dietType: vocabulary(dietTypes),
  iddsiFood: { ...vocabulary(iddsiFoodLevels), ...Object.fromEntries(iddsiFoodLevels.map((l) => [l.slice(l.lastIndexOf('_') + 1), l])) },
  iddsiDrink: { ...vocabulary(iddsiDrinkLevels), ...Object.fromEntries(iddsiDrinkLevels.map((l) => [l.slice(l.lastIndexOf('_') + 1), l])) },
  transfer: vocabulary(transferAssists),
  aid: vocabulary(mobilityAids),
  fallRisk: vocabulary(riskLevels),
  wanderingRisk: vocabulary(riskLevels),
  isolation: vocabulary(isolationPrecautions),
};

/** A cell in our vocabulary; an unknown word is passed through so the schema names it invalid_choice. */
function word(field: string, cell: string): string {
  const key = normalizeLabel(cell);
  return WORDS[field]?.[key] ?? VOCAB[field]?.[key] ?? cell.trim();
}

const SPANISH_SEVERITY: Record<string, string> = { leve: 'mild', moderada: 'moderate', moderado: 'moderate', grave: 'severe', severa: 'severe', severo: 'severe', desconocida: 'unknown', desconocido: 'unknown' };
const SEVERITY_WORDS = new Set([...allergySeverities, ...Object.keys(SPANISH_SEVERITY)].filter((w) => w !== 'unknown' && !w.startsWith('descono')));

/** A word written for "not assessed" in an assessment column: read as null, like an empty cell. */
const NOT_ASSESSED = new Set(['notassessed', 'noevaluado', 'noevaluada', 'sinevaluar']);

const NKA = new Set(['nka', 'nkda', 'noknownallergies', 'noknowndrugallergies', 'sinalergiasconocidas']);
// "None" or "N/A" might mean no known allergies or never asked; the import will not guess which.
const AMBIGUOUS_ALLERGY = new Set(['none', 'no', 'na', 'nan', 'ninguna', 'ninguno', 'unknown', 'desconocido']);

/**
 * "Penicillin: hives (severe); Latex | Shellfish (moderate)": items split on ';' or '|', an optional
 * reaction after ':', an optional severity in trailing parentheses. Empty = not recorded.
 */
export function isAmbiguousAllergyCell(cell: string): boolean {
  return AMBIGUOUS_ALLERGY.has(normalizeLabel(cell.trim()));
}

/**
 * Problems the import will not guess past in an allergy cell: a severity in parentheses that is not
 * one of ours ("sulfa (bad)"), and a severity word written anywhere but in the parentheses at the end
 * ("Shellfish - throat swelling - SEVERE" would otherwise read as severity unknown). Named by item.
 */
export function allergyCellIssues(cell: string): { code: string; params: Record<string, string> }[] {
  if (cell.trim() === '' || NKA.has(normalizeLabel(cell.trim())) || isAmbiguousAllergyCell(cell)) return [];
  const issues: { code: string; params: Record<string, string> }[] = [];
  for (const item of cell.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '')) {
    const sev = /\(([^)]*)\)\s*$/.exec(item);
    const said = normalizeLabel(sev?.[1] ?? '');
    if (sev && !(allergySeverities as readonly string[]).includes(said) && SPANISH_SEVERITY[said] === undefined) {
      issues.push({ code: 'unknown_severity', params: { item, value: sev[1]!.trim() } });
      continue;
    }
    const body = sev ? item.slice(0, sev.index) : item;
    if (body.split(/[^\p{L}]+/u).some((w) => SEVERITY_WORDS.has(normalizeLabel(w)))) issues.push({ code: 'severity_not_in_parentheses', params: { item } });
  }
  return issues;
}

export function parseAllergyCell(cell: string, recordedOn: string): unknown {
  const text = cell.trim();
  if (text === '') return { state: 'not_recorded' };
  if (NKA.has(normalizeLabel(text))) return { state: 'nka', recordedOn };
  const items = text
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const sev = /\(([^)]*)\)\s*$/.exec(s);
      const said = normalizeLabel(sev?.[1] ?? '');
      const severity = sev ? (allergySeverities.find((v) => v === said) ?? SPANISH_SEVERITY[said] ?? sev[1]) : 'unknown';
      const body = sev ? s.slice(0, sev.index).trim() : s;
      const colon = body.indexOf(':');
      return colon >= 0 ? { substance: body.slice(0, colon).trim(), reaction: body.slice(colon + 1).trim(), severity } : { substance: body, reaction: '', severity };
    });
  return { state: 'listed', items };
}

interface Analysis {
  preview: ImportPreview;
  admissions: { line: number; input: AdmitInput }[];
}

// Field paths of the admission schema that come from a CSV column with another name.
const COLUMN_OF_PATH: Record<string, Column> = { unitId: 'unit', bedId: 'bed', allergies: 'allergies' };

const QUOTE_MESSAGE = { unterminated_quote: 'residents.importUnterminatedQuote', malformed_quote: 'residents.importMalformedQuote' } as const;
const DATE_COLUMNS: Column[] = ['dateOfBirth', 'admittedOn'];

async function analyse(csv: string, ctx: HandlerContext, dateFormat: ImportDateFormat | null): Promise<Result<Analysis>> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) {
    return err('validation', parsed.code === 'empty' ? 'residents.importEmpty' : QUOTE_MESSAGE[parsed.code], parsed.code === 'empty' ? {} : { params: { line: parsed.line } });
  }
  const mapping = mapColumns(parsed.header, COLUMNS, undefined, { required: REQUIRED });
  const columns = Object.fromEntries(Object.entries(mapping.mapping).map(([k, v]) => [k, (v as number | undefined) ?? null]));
  // One format for the file's dates (birth and admission together): chosen, or agreed on by every date.
  const dateCells = DATE_COLUMNS.flatMap((c) => {
    const i = mapping.mapping[c];
    return i === undefined ? [] : parsed.rows.map((r) => (r.cells[i] ?? '').trim());
  });
  const dates = resolveDateReading(detectDateFormat(dateCells), dateFormat);
  // A date not real in that format goes to the schema as written, which names it invalid_date.
  const readDate = (text: string) => parseDateAs(text, dates.format) ?? text;
  const empty: ImportPreview = { delimiter: parsed.delimiter, columns, missingColumns: mapping.missing, rows: [], issues: [], total: parsed.rows.length, valid: 0, dates };
  if (!mapping.ok) return ok({ preview: empty, admissions: [] });

  const today = ctx.today;
  const units = await ctx.q.facility.units();
  const batch: AdmissionBatch = { recordNumbers: new Set(), beds: new Set() };
  const preview = empty;
  const admissions: Analysis['admissions'] = [];

  for (const row of parsed.rows) {
    const cell = (c: Column) => {
      const i = mapping.mapping[c];
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const issues: ImportRowIssue[] = [];
    const add = (field: string, code: string, params?: Record<string, string | number>) => issues.push({ line: row.line, field, code, ...(params ? { params } : {}) });
    if (isAmbiguousAllergyCell(cell('allergies'))) add('allergies', 'ambiguous_allergy');
    for (const problem of allergyCellIssues(cell('allergies'))) add('allergies', problem.code, problem.params);

    const unit = units.find((u) => normalizeLabel(u.name) === normalizeLabel(cell('unit')) && u.active);
    let bedId = 0;
    if (cell('unit') === '') add('unit', 'required');
    else if (!unit) add('unit', 'unknown_unit', { value: cell('unit') });
    else if (cell('room') === '') add('room', 'required');
    else {
      const bedsInRoom = await ctx.q.residents.bedsInRoom(unit.id, cell('room'));
      const wanted = cell('bed');
      const bed = wanted === '' ? (bedsInRoom.length === 1 ? bedsInRoom[0] : undefined) : bedsInRoom.find((b) => normalizeLabel(b.bedLabel) === normalizeLabel(wanted));
      if (bedsInRoom.length === 0) add('room', 'unknown_room', { value: cell('room') });
      else if (!bed) add('bed', wanted === '' ? 'required' : 'unknown_bed', { value: wanted });
      else bedId = bed.bedId;
    }

    const admittedOn = cell('admittedOn') === '' ? today : readDate(cell('admittedOn'));
    const candidate: Record<string, unknown> = {
      recordNumber: cell('recordNumber'),
      legalGiven: cell('legalGiven'),
      legalFamily: cell('legalFamily'),
      preferredName: cell('preferredName'),
      dateOfBirth: readDate(cell('dateOfBirth')),
      sex: cell('sex') === '' ? 'unknown' : word('sex', cell('sex')),
      codeStatus: word('codeStatus', cell('codeStatus')),
      allergies: isAmbiguousAllergyCell(cell('allergies')) ? { state: 'not_recorded' } : parseAllergyCell(cell('allergies'), admittedOn),
      unitId: unit?.id ?? 1,
      bedId: bedId || 1,
      admittedOn,
    };
    // An empty cell or a missing column is "not assessed" (null), never a default value.
    for (const c of ['dietType', 'iddsiFood', 'iddsiDrink', 'transfer', 'aid', 'fallRisk', 'wanderingRisk', 'isolation'] as const) {
      candidate[c] = cell(c) === '' || NOT_ASSESSED.has(normalizeLabel(cell(c))) ? null : word(c, cell(c));
    }
    if (cell('interpreterNeeded') !== '') candidate.interpreterNeeded = word('interpreterNeeded', cell('interpreterNeeded')) === 'true';
    for (const c of ['language', 'physicianName', 'pharmacyName'] as const) if (cell(c) !== '') candidate[c] = cell(c);

    // Exactly the admission's own schema and rules, so an imported resident is one the Admit dialog would accept.
    const parsedRow = AdmitInput.safeParse(candidate);
    if (!parsedRow.success) {
      for (const f of toFieldIssues(parsedRow.error, candidate)) {
        const top = f.path.split('.')[0] ?? f.path;
        add(COLUMN_OF_PATH[top] ?? top, f.code, f.params);
      }
    } else if (issues.length === 0) {
      for (const f of await admissionIssues(parsedRow.data, today, ctx, batch)) add(COLUMN_OF_PATH[f.path.split('.')[0] ?? ''] ?? f.path.split('.')[0] ?? f.path, f.code, f.params);
    }
    preview.issues.push(...issues);
    preview.rows.push({
      line: row.line,
      recordNumber: cell('recordNumber'),
      name: `${cell('legalFamily')}, ${cell('legalGiven')}`,
      dateOfBirth: cell('dateOfBirth'),
      dateOfBirthRead: parseDateAs(cell('dateOfBirth'), dates.format),
      place: `${cell('unit')} ${cell('room')}${cell('bed') ? `-${cell('bed')}` : ''}`,
      codeStatus: cell('codeStatus'),
      ok: issues.length === 0,
    });
    if (issues.length === 0 && parsedRow.success) admissions.push({ line: row.line, input: parsedRow.data });
  }
  preview.valid = admissions.length;
  return ok({ preview, admissions });
}

export async function importPreview(csv: string, ctx: HandlerContext, dateFormat: ImportDateFormat | null = null): Promise<Result<ImportPreview>> {
  const r = await analyse(csv, ctx, dateFormat);
  return r.ok ? ok(r.value.preview) : r;
}

/** All or nothing: any row with a problem refuses the whole file, so a census is never half-loaded. */
export async function importCommit(csv: string, ctx: HandlerContext, dateFormat: ImportDateFormat | null = null): Promise<Result<{ admitted: number }>> {
  const r = await analyse(csv, ctx, dateFormat);
  if (!r.ok) return r;
  const { preview, admissions } = r.value;
  if (preview.missingColumns.length > 0) {
    return err('validation', 'residents.importMissingColumns', { params: { columns: preview.missingColumns.join(', ') } });
  }
  // The dates could be read two ways and nobody chose: what the preview showed is not yet agreed.
  if (preview.dates.state === 'unconfirmed') return fieldError('dateFormat', 'date_format_required');
  if (preview.issues.length > 0 || preview.rows.length === 0) {
    return err('validation', preview.rows.length === 0 ? 'residents.importEmpty' : 'residents.importHasErrors', {
      params: { count: new Set(preview.issues.map((i) => i.line)).size },
      fields: preview.issues.map((i) => ({ path: `line${i.line}.${i.field}`, code: i.code, ...(i.params ? { params: i.params } : {}) })),
    });
  }
  const today = ctx.today;
  for (const { input } of admissions) {
    const id = await ctx.q.residents.admit(input, { bedId: input.bedId, admittedOn: input.admittedOn, at: ctx.nowIso, by: ctx.user?.id ?? null });
    const after = await ctx.q.residents.get(id, today);
    ctx.audit({ entity: 'resident', entityId: id, before: null, after: after ? { ...after, periods: undefined, beds: undefined, imported: true } : null });
  }
  return ok({ admitted: admissions.length });
}
