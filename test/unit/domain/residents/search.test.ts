import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  matchesQuery,
  normalizeForSearch,
  queryMatcher,
  searchCompact,
  searchKey,
} from '../../../../shared/domain/residents/search';

describe('normalizeForSearch', () => {
  it('lowercases, strips accents and drops in-name punctuation', () => {
    expect(normalizeForSearch("José O'Brien")).toBe('jose obrien');
    expect(normalizeForSearch('  MARÍA   del  Carmen ')).toBe('maria del carmen');
    expect(normalizeForSearch('Smith-Jones')).toBe('smithjones');
    expect(normalizeForSearch('St. John, Mary')).toBe('st john mary');
    expect(normalizeForSearch('O’Neil')).toBe('oneil');
    expect(normalizeForSearch('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
    expect(normalizeForSearch('Françoise Müller')).toBe('francoise muller');
  });

  it('folds letters that do not decompose', () => {
    expect(normalizeForSearch('Đặng')).toBe('dang');
    expect(normalizeForSearch('Søren Kierkegaard')).toBe('soren kierkegaard');
    expect(normalizeForSearch('Straße')).toBe('strasse');
    expect(normalizeForSearch('STRAẞE')).toBe('strasse');
    expect(normalizeForSearch('Ærø')).toBe('aero');
    expect(normalizeForSearch('Œuvre')).toBe('oeuvre');
    expect(normalizeForSearch('Łukasz Wałęsa')).toBe('lukasz walesa');
    expect(normalizeForSearch('Guðrún')).toBe('gudrun');
    expect(normalizeForSearch('İsmail Yıldız')).toBe('ismail yildiz');
  });

  it('keeps Hangul and CJK intact in composed form', () => {
    const decomposedKim = '\u1100\u1175\u11b7';
    expect(normalizeForSearch('김')).toBe('김');
    expect(normalizeForSearch(decomposedKim)).toBe('김');
    expect(normalizeForSearch('김민준')).toBe('김민준');
    expect(normalizeForSearch('山田 太郎')).toBe('山田 太郎');
    // Japanese voiced marks are part of the letter, not a removable accent.
    expect(normalizeForSearch('がく')).toBe('がく');
    expect(normalizeForSearch('\u304b\u3099')).toBe('が');
  });

  it('folds compatibility forms and drops invisible characters', () => {
    expect(normalizeForSearch('Ｊｏｓｅ')).toBe('jose');
    expect(normalizeForSearch('Jo\u00adse')).toBe('jose');
    expect(normalizeForSearch('Jo\u200bse')).toBe('jose');
    expect(normalizeForSearch('Ann\tLee\n')).toBe('ann lee');
    expect(normalizeForSearch('A & B')).toBe('a b');
  });

  it('returns an empty string for nothing searchable', () => {
    expect(normalizeForSearch('')).toBe('');
    expect(normalizeForSearch("  ' - . ")).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('produces single-spaced, trimmed, lowercase output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = normalizeForSearch(s);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s/);
        expect(out).not.toMatch(/[A-Z'\-.,]/);
        expect(out).toBe(out.normalize('NFC'));
      }),
    );
  });
});

describe('searchKey', () => {
  it('combines legal, preferred name and record number', () => {
    expect(
      searchKey({ legalGiven: 'José', legalFamily: "O'Brien", preferredName: 'Pepe', recordNumber: 'MRN-00123' }),
    ).toBe('jose obrien pepe mrn00123');
  });

  it('omits a missing or blank preferred name', () => {
    expect(searchKey({ legalGiven: 'Ann', legalFamily: 'Lee', recordNumber: '42' })).toBe('ann lee 42');
    expect(searchKey({ legalGiven: 'Ann', legalFamily: 'Lee', preferredName: null, recordNumber: '42' })).toBe(
      'ann lee 42',
    );
    expect(searchKey({ legalGiven: 'Ann', legalFamily: 'Lee', preferredName: '  ', recordNumber: '42' })).toBe(
      'ann lee 42',
    );
  });
});

describe('matchesQuery', () => {
  const jose = searchKey({ legalGiven: 'José', legalFamily: "O'Brien", preferredName: 'Pepe', recordNumber: 'MRN-00123' });

  it.each([
    'jose',
    'JOSÉ',
    'jo',
    'obrien',
    "O'Brien",
    'o brien',
    'bri',
    'pepe',
    'jose obrien',
    'obrien jose',
    'mrn-00123',
    '00123',
    '  ',
    '',
  ])('matches %j', (query) => {
    expect(matchesQuery(jose, query)).toBe(true);
  });

  it.each(['maria', 'jose smith', 'obrienx', '124'])('does not match %j', (query) => {
    expect(matchesQuery(jose, query)).toBe(false);
  });

  it('matches a spaced key from a joined query', () => {
    const key = searchKey({ legalGiven: 'Sean', legalFamily: 'O Brien', recordNumber: '1' });
    expect(matchesQuery(key, 'obrien')).toBe(true);
    expect(matchesQuery(key, "o'brien")).toBe(true);
  });

  it('matches Hangul whether typed composed or decomposed', () => {
    const key = searchKey({ legalGiven: '민준', legalFamily: '김', recordNumber: '7' });
    expect(matchesQuery(key, '김')).toBe(true);
    expect(matchesQuery(key, '\u1100\u1175\u11b7')).toBe(true);
    expect(matchesQuery(key, '이')).toBe(false);
  });

  it('queryMatcher reuses one query across keys', () => {
    const matches = queryMatcher('lee');
    const keys = ['ann lee 1', 'bruce leroy 2', 'kim 3'];
    expect(keys.filter(matches)).toEqual(['ann lee 1']);
  });

  const namePart = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });

  it('any name matches a query made of its own normalized words', () => {
    fc.assert(
      fc.property(namePart, namePart, fc.option(namePart, { nil: undefined }), namePart, (given, family, preferred, record) => {
        const resident = { legalGiven: given, legalFamily: family, preferredName: preferred, recordNumber: record };
        const key = searchKey(resident);
        const words = [given, family, preferred ?? '', record].map(normalizeForSearch).join(' ').split(' ').filter(Boolean);
        expect(matchesQuery(key, words.join(' '))).toBe(true);
        for (const word of words) {
          expect(matchesQuery(key, word)).toBe(true);
          // Any prefix of a word matches as well (typing is incremental).
          expect(matchesQuery(key, word.slice(0, Math.ceil(word.length / 2)))).toBe(true);
        }
        // The raw, unnormalized names match too.
        expect(matchesQuery(key, `${family} ${given}`)).toBe(true);
      }),
    );
  });

  it('matching ignores the order of query tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }), (name, tokens) => {
        const key = normalizeForSearch(name);
        expect(matchesQuery(key, tokens.join(' '))).toBe(matchesQuery(key, [...tokens].reverse().join(' ')));
      }),
    );
  });
});

describe('searchCompact: either name order, with or without a space (issue 8 · 6)', () => {
  it.each([
    ['Korean', { legalGiven: '민준', legalFamily: '김' }, ['김민준', '민준김', '김 민준', '민준 김', '김민']],
    ['Chinese', { legalGiven: '小明', legalFamily: '王' }, ['王小明', '小明王', '王 小明']],
    ['Japanese', { legalGiven: '太郎', legalFamily: '山田' }, ['山田太郎', '太郎山田', '山田 太郎']],
    ['Hungarian', { legalGiven: 'István', legalFamily: 'Nagy' }, ['nagyistvan', 'Nagy István', 'istvannagy', 'NAGYISTVÁN']],
    ['Vietnamese', { legalGiven: 'Văn An', legalFamily: 'Nguyễn' }, ['nguyenvanan', 'Nguyễn Văn An', 'vanannguyen']],
  ])('%s names are found typed family first without a space', (_script, name, queries) => {
    const key = searchCompact({ ...name, recordNumber: 'R-1' });
    for (const q of queries) expect(matchesQuery(key, q), q).toBe(true);
  });

  it('a word never runs from the record number into the family-first order', () => {
    const key = searchCompact({ legalGiven: '민준', legalFamily: '김', recordNumber: '7' });
    expect(matchesQuery(key, '7김')).toBe(false);
    expect(matchesQuery(key, '이민준')).toBe(false);
  });

  it('keeps every match of the given-first key, and adds the family-first spelling of any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.string({ maxLength: 6 }), (given, family, query) => {
        const resident = { legalGiven: given, legalFamily: family, recordNumber: 'R1' };
        const compact = searchCompact(resident);
        if (matchesQuery(searchKey(resident), query)) expect(matchesQuery(compact, query)).toBe(true);
        expect(matchesQuery(compact, `${family}${given}`)).toBe(true);
        expect(matchesQuery(compact, `${given}${family}`)).toBe(true);
      }),
    );
  });
});

describe('Greek final sigma', () => {
  it('matches a query typed with the medial form', () => {
    expect(normalizeForSearch('ΟΔΥΣΣΕΑΣ')).toBe('οδυσσεασ');
    expect(matchesQuery(normalizeForSearch('Παπαδόπουλος'), 'παπαδοπουλοσ')).toBe(true);
  });
});
