import { describe, expect, it } from 'vitest';
import {
  isAbsolutePathFor,
  isLocationProblem,
  isLoopbackHost,
  isValidHost,
  mergePolicies,
  parsePolicyObject,
  POLICY_KEYS,
  suggestKey,
  type PolicyProblem,
} from '../../../shared/policy/schema';

const S = '/etc/caredesk/policy.json';
const posix = (raw: unknown) => parsePolicyObject(raw, { source: S, platform: 'posix' });
const win = (raw: unknown) => parsePolicyObject(raw, { source: 'HKLM', platform: 'win32' });
const codes = (problems: PolicyProblem[]) => problems.map((p) => `${p.key}:${p.code}`);

const SERVER = {
  host: 'db.maplegrove.example',
  database: 'caredesk',
  user: 'station',
  tls: 'verify-full',
  caFile: '/etc/caredesk/ca.pem',
  password: { source: 'credential_store' },
};

describe('parsePolicyObject: what a good policy gives', () => {
  it('accepts every key with a good value', () => {
    const raw = {
      dataFolder: '/srv/caredesk',
      backupFolder: '/srv/caredesk-backups',
      server: SERVER,
      timeZone: 'America/Chicago',
      language: 'es',
      paperSize: 'a4',
      idleLockMinutes: 5,
      minPasswordLength: 20,
      defaultPrinter: 'Nurses Station HP',
      allowSilentPrinting: true,
      allowDevTools: false,
      keyProtection: 'account',
    };
    const { policy, problems } = posix(raw);
    expect(problems).toEqual([]);
    expect(Object.keys(policy).sort()).toEqual([...POLICY_KEYS].sort());
    // The port takes PostgreSQL's default when not given.
    expect(policy.server).toEqual({ ...SERVER, port: 5432 });
  });

  it('accepts an empty policy', () => {
    expect(posix({})).toEqual({ policy: {}, problems: [] });
  });

  it('trims text values', () => {
    expect(posix({ dataFolder: '  /srv/caredesk ', defaultPrinter: ' HP ' }).policy).toEqual({ dataFolder: '/srv/caredesk', defaultPrinter: 'HP' });
  });

  it('protects the key for the whole machine on Windows only, and a wrong value stops the start like a wrong data folder (issue 16)', () => {
    expect(win({ keyProtection: 'machine' }).policy).toEqual({ keyProtection: 'machine' });
    expect(win({ keyProtection: 'account' }).policy).toEqual({ keyProtection: 'account' });
    const onLinux = posix({ keyProtection: 'machine' }).problems;
    expect(codes(onLinux)).toEqual(['keyProtection:invalid_value']);
    expect(onLinux[0]!.params).toEqual({ allowed: 'account' });
    expect(onLinux.every(isLocationProblem)).toBe(true);
    expect(codes(win({ keyProtection: 'Machine ' }).problems)).toEqual(['keyProtection:invalid_value']);
  });

  it('accepts Windows paths on Windows only', () => {
    expect(win({ dataFolder: 'D:\\CareDesk' }).policy).toEqual({ dataFolder: 'D:\\CareDesk' });
    expect(codes(posix({ dataFolder: 'D:\\CareDesk' }).problems)).toEqual(['dataFolder:not_absolute']);
    expect(codes(win({ dataFolder: '/srv/caredesk' }).problems)).toEqual(['dataFolder:not_absolute']);
  });

  it('accepts a password file instead of the credential store', () => {
    const { policy, problems } = posix({ server: { ...SERVER, password: { source: 'file', path: '/etc/caredesk/db.pass' } } });
    expect(problems).toEqual([]);
    expect(policy.server?.password).toEqual({ source: 'file', path: '/etc/caredesk/db.pass' });
  });

  it("allows tls 'disable' on a loopback server only", () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]']) {
      expect(posix({ server: { ...SERVER, host, tls: 'disable' } }).problems, host).toEqual([]);
    }
    const { policy, problems } = posix({ server: { ...SERVER, host: 'db.example.org', tls: 'disable' } });
    expect(codes(problems)).toEqual(['server.tls:tls_disable_not_loopback']);
    expect(policy.server).toBeUndefined();
  });
});

describe('parsePolicyObject: each kind of bad value names the key and the problem', () => {
  it.each([
    [{ idleLockMinutes: 'ten' }, 'idleLockMinutes:wrong_type'],
    [{ idleLockMinutes: 0 }, 'idleLockMinutes:out_of_range'],
    [{ idleLockMinutes: 121 }, 'idleLockMinutes:out_of_range'],
    [{ idleLockMinutes: 2.5 }, 'idleLockMinutes:not_a_whole_number'],
    [{ minPasswordLength: 8 }, 'minPasswordLength:out_of_range'],
    [{ allowDevTools: 'yes' }, 'allowDevTools:wrong_type'],
    [{ allowSilentPrinting: 1 }, 'allowSilentPrinting:wrong_type'],
    [{ language: 'fr' }, 'language:invalid_value'],
    [{ paperSize: 'legal' }, 'paperSize:invalid_value'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone:invalid_time_zone'],
    [{ timeZone: 42 }, 'timeZone:wrong_type'],
    [{ dataFolder: '' }, 'dataFolder:empty'],
    [{ dataFolder: '   ' }, 'dataFolder:empty'],
    [{ dataFolder: 'relative/folder' }, 'dataFolder:not_absolute'],
    [{ backupFolder: 'x'.repeat(2000) }, 'backupFolder:too_long'],
    [{ defaultPrinter: 7 }, 'defaultPrinter:wrong_type'],
    [{ server: 'db.example.org' }, 'server:wrong_type'],
    [{ server: { ...SERVER, port: 70000 } }, 'server.port:out_of_range'],
    [{ server: { ...SERVER, port: '5432' } }, 'server.port:wrong_type'],
    [{ server: { ...SERVER, host: 'db example' } }, 'server.host:invalid_host'],
    [{ server: { ...SERVER, host: '300.1.1.1' } }, 'server.host:invalid_host'],
    [{ server: { ...SERVER, tls: 'prefer' } }, 'server.tls:invalid_value'],
    [{ server: { ...SERVER, caFile: 'ca.pem' } }, 'server.caFile:not_absolute'],
    [{ server: { ...SERVER, password: { source: 'env' } } }, 'server.password.source:invalid_value'],
    [{ server: { ...SERVER, password: { source: 'file' } } }, 'server.password.path:required'],
    [{ server: { ...SERVER, password: { source: 'credential_store', path: '/x' } } }, 'server.password.path:unknown_key'],
    [{ server: { ...SERVER, sslmode: 'require' } }, 'server.sslmode:unknown_key'],
  ])('%j → %s', (raw, expected) => {
    const { policy, problems } = posix(raw);
    expect(codes(problems)).toEqual([expected]);
    // The bad key is left out; nothing half-valid gets through.
    expect(policy).toEqual({});
  });

  it('reports a missing member of the server object as required', () => {
    const { database: _d, ...noDatabase } = SERVER;
    expect(codes(posix({ server: noDatabase }).problems)).toEqual(['server.database:required']);
  });

  it('gives the allowed range and values with the problem', () => {
    expect(posix({ idleLockMinutes: 500 }).problems[0]?.params).toEqual({ min: 1, max: 120 });
    expect(posix({ language: 'fr' }).problems[0]?.params).toEqual({ allowed: 'en, es' });
    expect(posix({ allowDevTools: 'yes' }).problems[0]).toEqual({ source: S, key: 'allowDevTools', code: 'wrong_type', params: { expected: 'boolean' } });
  });

  it('names unknown keys, with the key that was probably meant', () => {
    const { policy, problems } = posix({ datafolder: '/srv/caredesk', IdleLockMinutes: 5, colour: 'blue', idleLockMinutes: 5 });
    expect(policy).toEqual({ idleLockMinutes: 5 });
    expect(problems).toEqual([
      { source: S, key: 'datafolder', code: 'unknown_key', params: { suggestion: 'dataFolder' } },
      { source: S, key: 'IdleLockMinutes', code: 'unknown_key', params: { suggestion: 'idleLockMinutes' } },
      { source: S, key: 'colour', code: 'unknown_key' },
    ]);
  });

  it('keeps the good keys when others are bad', () => {
    const { policy, problems } = posix({ idleLockMinutes: 5, language: 'klingon', allowDevTools: 'no', paperSize: 'a4' });
    expect(policy).toEqual({ idleLockMinutes: 5, paperSize: 'a4' });
    expect(codes(problems)).toEqual(['language:invalid_value', 'allowDevTools:wrong_type']);
  });

  it.each([[null], [[]], ['text'], [42]])('refuses %j as a whole', (raw) => {
    expect(posix(raw)).toEqual({ policy: {}, problems: [{ source: S, key: '', code: 'not_an_object' }] });
  });
});

describe('location problems stop the app; others fall back to defaults', () => {
  it('treats data location keys and whole-source failures as location problems', () => {
    expect(isLocationProblem({ source: S, key: 'dataFolder', code: 'not_absolute' })).toBe(true);
    expect(isLocationProblem({ source: S, key: 'server.port', code: 'out_of_range' })).toBe(true);
    expect(isLocationProblem({ source: S, key: 'backupFolder', code: 'not_found' })).toBe(true);
    expect(isLocationProblem({ source: S, key: '', code: 'not_json' })).toBe(true);
    expect(isLocationProblem({ source: S, key: 'idleLockMinutes', code: 'out_of_range' })).toBe(false);
    expect(isLocationProblem({ source: S, key: 'colour', code: 'unknown_key' })).toBe(false);
  });
});

describe('mergePolicies', () => {
  it('takes each key from the first source that sets it', () => {
    expect(mergePolicies([{ idleLockMinutes: 5 }, { idleLockMinutes: 30, language: 'es' }, { language: 'en', paperSize: 'a4' }])).toEqual({
      idleLockMinutes: 5,
      language: 'es',
      paperSize: 'a4',
    });
  });
});

describe('helpers', () => {
  it('isLoopbackHost', () => {
    for (const h of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['128.0.0.1', '10.0.0.1', '::2', '::', 'localhost.example.org', 'db', '127.0.0.256', '::ffff:10.0.0.1', '1::1']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('isValidHost', () => {
    for (const h of ['db', 'db.example.org', 'db-1.example.org.', '10.0.0.5', '::1', '[fe80::1]', 'fd00::5']) expect(isValidHost(h), h).toBe(true);
    for (const h of ['', 'db example', '-db', 'db_.x', '256.0.0.1', 'a..b', ':::1::', 'http://db']) expect(isValidHost(h), h).toBe(false);
  });

  it('isAbsolutePathFor', () => {
    expect(isAbsolutePathFor('win32', 'C:\\x')).toBe(true);
    expect(isAbsolutePathFor('win32', 'c:/x')).toBe(true);
    expect(isAbsolutePathFor('win32', '\\\\server\\share\\x')).toBe(true);
    expect(isAbsolutePathFor('win32', 'C:x')).toBe(false);
    expect(isAbsolutePathFor('win32', '\\x')).toBe(false);
    expect(isAbsolutePathFor('posix', '/x')).toBe(true);
    expect(isAbsolutePathFor('posix', 'x/y')).toBe(false);
  });

  it('suggestKey', () => {
    expect(suggestKey('data_folder')).toBe('dataFolder');
    expect(suggestKey('ALLOWDEVTOOLS')).toBe('allowDevTools');
    expect(suggestKey('nothing')).toBeNull();
  });
});

describe('problem messages', () => {
  it('every problem code has a sentence in both languages, naming the key', async () => {
    const { catalogs } = await import('../../../shared/i18n');
    const { formatPolicyProblem } = await import('../../../shared/policy/messages');
    const { POLICY_PROBLEM_CODES } = await import('../../../shared/policy/schema');
    for (const lang of ['en', 'es'] as const) {
      for (const code of POLICY_PROBLEM_CODES) {
        const text = formatPolicyProblem({ source: S, key: 'idleLockMinutes', code, params: { min: 1, max: 120, path: '/x', where: '/x', detail: 'd' } }, catalogs[lang]);
        expect(text, `${lang} ${code}`).not.toMatch(/policy\.problem|\{\{/);
        if (!['unreadable', 'not_json', 'not_an_object', 'untrusted_source'].includes(code)) expect(text, `${lang} ${code}`).toContain('idleLockMinutes');
      }
    }
    expect(formatPolicyProblem({ source: S, key: 'datafolder', code: 'unknown_key', params: { suggestion: 'dataFolder' } }, catalogs.en)).toBe(
      '“datafolder” is not a CareDesk setting. Did you mean “dataFolder”?',
    );
    expect(formatPolicyProblem({ source: S, key: 'language', code: 'invalid_value', params: { allowed: 'en, es' } }, catalogs.es)).toBe('«language» debe ser uno de: en, es.');
  });
});
