import { describe, expect, it } from 'vitest';
import type { OpenFailure } from '../../db/open';
import { safePdfName } from '../../electron/main/file-names';
import { databaseOpenMessage, langFromLocale, policyMessage, unsavedWorkMessage } from '../../electron/main/startup-messages';

const reasons: OpenFailure[] = ['damaged', 'not_a_database', 'newer_schema', 'migration_failed', 'locked'];

describe('startup messages', () => {
  it('picks Spanish for any es locale and English otherwise', () => {
    expect(langFromLocale('es')).toBe('es');
    expect(langFromLocale('es-419')).toBe('es');
    expect(langFromLocale('ES-mx')).toBe('es');
    expect(langFromLocale('en-US')).toBe('en');
    expect(langFromLocale('fr-FR')).toBe('en');
    expect(langFromLocale('')).toBe('en');
  });

  it('has a distinct message per failure in both languages, naming the file', () => {
    for (const lang of ['en', 'es'] as const) {
      const titles = new Set(reasons.map((r) => databaseOpenMessage(r, '/data/caredesk.sqlite', lang).title));
      expect(titles.size).toBe(reasons.length);
      for (const r of reasons) expect(databaseOpenMessage(r, '/data/caredesk.sqlite', lang).body).toContain('/data/caredesk.sqlite');
    }
    expect(databaseOpenMessage('damaged', 'f', 'es').body).toMatch(/no ha modificado/);
    expect(databaseOpenMessage('damaged', 'f', 'en').body).toMatch(/has not changed or replaced/);
  });

  it('asks about unsaved work with staying first, in both languages', () => {
    expect(unsavedWorkMessage('en')).toMatchObject({ stay: 'Stay', leave: 'Leave and discard' });
    expect(unsavedWorkMessage('es')).toMatchObject({ stay: 'Quedarse', leave: 'Salir y descartar' });
  });

  it('passes the policy problems through', () => {
    expect(policyMessage('dataFolder: must be absolute', 'en').body).toContain('dataFolder: must be absolute');
  });
});

describe('safePdfName', () => {
  it('keeps a readable name and adds .pdf once', () => {
    expect(safePdfName('Handoff sheet 2026-03-02')).toBe('Handoff sheet 2026-03-02.pdf');
    expect(safePdfName('Matrix.PDF')).toBe('Matrix.pdf');
    expect(safePdfName('Cita: Dr. Núñez')).toBe('Cita Dr. Núñez.pdf');
  });

  it('strips folders, forbidden characters and reserved names', () => {
    expect(safePdfName('../../Windows/System32/evil')).toBe('Windows System32 evil.pdf');
    expect(safePdfName('C:\\Users\\x\\a')).toBe('C Users x a.pdf');
    expect(safePdfName('a\u0000b\nc')).toBe('abc.pdf');
    expect(safePdfName('CON')).toBe('CareDesk.pdf');
    expect(safePdfName('   ')).toBe('CareDesk.pdf');
    expect(safePdfName(undefined)).toBe('CareDesk.pdf');
    expect(safePdfName('x'.repeat(500))).toHaveLength(124);
  });
});
