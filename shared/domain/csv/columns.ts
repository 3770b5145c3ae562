/**
 * The "column mapping" step of imports: match a file's header to the fields we need, let the user
 * override any guess, and say what is still unmapped.
 */

/**
 * Comparison key for header labels and other user-typed names: case, accents, whitespace and
 * punctuation are ignored, so "Employee ID", "employee_id" and "EMPLOYEE-ID" all match, and so do
 * "Prévention" and "prevention".
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface ColumnMapping<K extends string> {
  /** True when every required field has a column and no override was rejected. */
  ok: boolean;
  /** Field → 0-based column index, or undefined when the field is not in the file. */
  mapping: Record<K, number | undefined>;
  /** Required fields without a column (including rejected overrides), in the order of `wanted`. */
  missing: K[];
  /** Fields whose override pointed outside the header or at a column another override already took. */
  conflicts: K[];
}

export interface MapColumnsOptions<K extends string> {
  /** Fields that must be mapped for `ok`; defaults to every field in `wanted`. */
  required?: readonly NoInfer<K>[];
}

/**
 * `wanted` lists accepted header aliases per field; fields are matched in its key order, aliases in
 * their listed order, and each column serves at most one field (with duplicate header labels the
 * leftmost unclaimed column wins).
 *
 * `override` is the user's choice in the mapping dialog and always beats auto-detection: a number picks
 * that column, `null` means "this file has no such column" (so no guess is made).
 */
export function mapColumns<K extends string>(
  header: readonly string[],
  wanted: Readonly<Record<K, readonly string[]>>,
  override?: Partial<Record<NoInfer<K>, number | null>>,
  options: MapColumnsOptions<K> = {},
): ColumnMapping<K> {
  const fields = Object.keys(wanted) as K[];
  const mapping = {} as Record<K, number | undefined>;
  const claimed = new Set<number>();
  const conflicts: K[] = [];
  const decided = new Set<K>();

  for (const field of fields) {
    mapping[field] = undefined;
    if (override === undefined || !Object.hasOwn(override, field)) continue;
    const choice = override[field];
    if (choice === undefined) continue;
    decided.add(field);
    if (choice === null) continue;
    if (!Number.isInteger(choice) || choice < 0 || choice >= header.length || claimed.has(choice)) {
      conflicts.push(field);
      continue;
    }
    mapping[field] = choice;
    claimed.add(choice);
  }

  const normalizedHeader = header.map(normalizeLabel);
  for (const field of fields) {
    if (decided.has(field)) continue;
    for (const alias of wanted[field]) {
      const key = normalizeLabel(alias);
      if (key === '') continue;
      const index = normalizedHeader.findIndex((label, i) => label === key && !claimed.has(i));
      if (index >= 0) {
        mapping[field] = index;
        claimed.add(index);
        break;
      }
    }
  }

  const required = options.required ?? fields;
  const requiredSet = new Set<K>(required);
  const missing = fields.filter((field) => requiredSet.has(field) && mapping[field] === undefined);
  return { ok: missing.length === 0 && conflicts.length === 0, mapping, missing, conflicts };
}
