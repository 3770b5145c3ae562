import { describe, expect, it } from 'vitest';
import type { OpenFailure } from '../../db/open';
import type { PolicyProblem } from '../../shared/policy/schema';
import { safePdfName } from '../../electron/main/file-names';
import { dataLocation } from '../../electron/main/data-location';
import { databaseOpenMessage, langFromLocale, policyStopMessage, unsavedWorkMessage } from '../../electron/main/startup-messages';

const reasons: OpenFailure[] = ['damaged', 'not_a_database', 'newer_schema', 'migration_failed', 'locked', 'read_only', 'wrong_key', 'network_share'];

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

  it('lists each policy problem with its key and source, in both languages', () => {
    const problems: PolicyProblem[] = [
      { source: 'HKLM\\SOFTWARE\\Policies\\CareDesk', key: 'dataFolder', code: 'not_found', params: { path: 'D:\\CareDesk' } },
      { source: '/etc/caredesk/policy.json', key: '', code: 'not_json', params: { detail: 'Unexpected token' } },
    ];
    const en = policyStopMessage(problems, 'en');
    expect(en.title).toBe("CareDesk: your organization's settings cannot be used");
    expect(en.body).toContain('The folder in “dataFolder” does not exist: D:\\CareDesk');
    expect(en.body).toContain('Source: HKLM\\SOFTWARE\\Policies\\CareDesk');
    expect(en.body).toContain('The policy file is not valid JSON: Unexpected token');
    expect(en.body).toContain('has not opened or created any database');
    expect(policyStopMessage(problems, 'es').body).toContain('La carpeta de «dataFolder» no existe: D:\\CareDesk');
  });

  it('puts the data where the policy says: server over data folder over the profile', () => {
    const server = { host: 'db', port: 5432, database: 'c', user: 'u', tls: 'require' as const, password: { source: 'credential_store' as const } };
    expect(dataLocation({}, '/home/a/.config/CareDesk')).toEqual({ kind: 'sqlite', file: '/home/a/.config/CareDesk/caredesk.sqlite', backupFolder: null });
    expect(dataLocation({ dataFolder: '/srv/cd', backupFolder: '/srv/bk' }, '/u')).toEqual({ kind: 'sqlite', file: '/srv/cd/caredesk.sqlite', backupFolder: '/srv/bk' });
    expect(dataLocation({ dataFolder: '/srv/cd', server }, '/u')).toEqual({ kind: 'server', server, backupFolder: null });
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

describe('printing under the policy', () => {
  it('prints silently only with both allowSilentPrinting and a default printer', async () => {
    const { paperPrintOptions } = await import('../../electron/main/print-policy');
    expect(paperPrintOptions({})).toEqual({ silent: false });
    expect(paperPrintOptions({ allowSilentPrinting: true })).toEqual({ silent: false });
    expect(paperPrintOptions({ defaultPrinter: 'Station 2' })).toEqual({ silent: false, deviceName: 'Station 2' });
    expect(paperPrintOptions({ defaultPrinter: 'Station 2', allowSilentPrinting: true })).toEqual({ silent: true, deviceName: 'Station 2' });
    expect(paperPrintOptions({ defaultPrinter: 'Station 2', allowSilentPrinting: false })).toEqual({ silent: false, deviceName: 'Station 2' });
  });
});
