// Resident search must find "José O'Brien" whether staff type "jose", "obrien", "o brien" or
// "O'Brien", on keyboards without accents. The same normalization is applied to the stored key
// and to the query, so matching is a plain string comparison.

// Only the generic combining-diacritic blocks are stripped. Other scripts' marks (Japanese
// dakuten U+3099, Indic vowel signs, …) are part of the letter, and Hangul decomposes into
// conjoining jamo (letters, not marks) which the final NFC recomposes, so 김 stays 김.
// eslint-disable-next-line no-misleading-character-class -- these ranges are combining marks on purpose: exactly what we strip
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

// Letters that are not "letter + accent" in Unicode, so NFD leaves them alone, but which people
// routinely type without the stroke or as a digraph.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  þ: 'th',
  // Greek final sigma is only a positional form; a typed query ending mid-word uses σ.
  ς: 'σ',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

// Punctuation inside a name joins its parts ("O'Brien" → "obrien", "Smith-Jones" → "smithjones");
// invisible format characters (zero-width space, soft hyphen) likewise vanish.
const JOINERS = /[\p{P}\p{Cf}]/gu;
// Anything else that is not a letter, mark or digit (symbols, controls, separators) splits words.
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/gu;

export function normalizeForSearch(input: string): string {
  // Lowercase both before and after compatibility decomposition: 'İ' only lowercases to
  // 'i' + U+0307 before it, and compatibility forms like 'ℌ' only become 'H' after it.
  const decomposed = input.toLowerCase().normalize('NFKD').toLowerCase();
  const folded = decomposed
    .replace(DIACRITICS, '')
    .replace(FOLDABLE, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(JOINERS, '')
    .replace(SEPARATORS, ' ');
  // NFC last, after every removal, so marks that became adjacent are put in canonical order once.
  return folded.normalize('NFC').trim();
}

export interface SearchableResident {
  legalGiven: string;
  legalFamily: string;
  preferredName?: string | null;
  recordNumber: string;
}

// The one string stored per resident for matching. Family name comes second only for
// readability when debugging; matching does not depend on word order.
export function searchKey(resident: SearchableResident): string {
  return [resident.legalGiven, resident.legalFamily, resident.preferredName ?? '', resident.recordNumber]
    .map(normalizeForSearch)
    .filter((part) => part !== '')
    .join(' ');
}

/** Between the two name orders of the compact key; normalizeForSearch turns it into a space in a query. */
export const NAME_ORDER_SEPARATOR = '\u0001';

// What a query is matched against (stored as residents.search_compact): the key without spaces, then
// family name followed by given name. Many people write family name first — Korean, Chinese,
// Japanese, Hungarian, Vietnamese — often without a space ("김민준" is family 김, given 민준); the
// given-first part alone would miss them. The separator keeps one word from running across both
// orders. The family-first part is exactly residents.name_sort with its separator and spaces removed,
// which is how the migration filled it in for rows written before.
export function searchCompact(resident: SearchableResident): string {
  const compact = (s: string) => normalizeForSearch(s).replaceAll(' ', '');
  return `${searchKey(resident).replaceAll(' ', '')}${NAME_ORDER_SEPARATOR}${compact(resident.legalFamily)}${compact(resident.legalGiven)}`;
}

// Builds the predicate once so filtering a whole census normalizes the query only once.
// `key` must be a value produced by searchCompact, searchKey or normalizeForSearch.
//
// Each query token must occur in the key with its spaces removed. That covers both documented
// cases: a token that is the prefix of a word ("jo" → "jose") is trivially such a substring, and
// a token spanning words ("obrien" → "o brien") is found once spaces are gone. It also lets a
// partial record number ("0123" in "mrn00123") match. An empty query matches everyone, so an
// empty search box shows the full list.
export function queryMatcher(query: string): (key: string) => boolean {
  const tokens = normalizeForSearch(query).split(' ').filter((t) => t !== '');
  if (tokens.length === 0) return () => true;
  return (key) => {
    const joined = key.replaceAll(' ', '');
    return tokens.every((token) => joined.includes(token));
  };
}

export function matchesQuery(key: string, query: string): boolean {
  return queryMatcher(query)(key);
}
