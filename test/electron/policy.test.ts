import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyDeps } from '../../electron/main/policy/deps';
import { checkFolder, folderFs } from '../../electron/main/policy/folders';
import { loadPolicy, policySources } from '../../electron/main/policy';
import { parseRegFile, registryToRawPolicy } from '../../electron/main/policy/registry';
import { parseSddl, posixTrustProblem, windowsTrustProblem } from '../../electron/main/policy/trust';
import type { PolicyProblem } from '../../shared/policy/schema';
import { tempDir } from '../support/core';

// ------------------------------------------------------------------ a fake machine for the loader

interface FakeFile {
  text?: string;
  bytes?: Buffer;
  uid?: number;
  gid?: number;
  mode?: number;
  symlink?: boolean;
}

interface FakeMachine {
  platform: NodeJS.Platform;
  files?: Record<string, FakeFile>;
  /** Directories with their owner and mode; any directory not listed is root-owned 0755. */
  dirs?: Record<string, { uid?: number; gid?: number; mode?: number }>;
  /** reg.exe: hive → the .reg text `reg export` writes, or 'blocked'. Absent hive = no CareDesk key. */
  registry?: Partial<Record<'HKLM' | 'HKCU', string | 'blocked'>>;
  /** PowerShell Get-Acl: path → SDDL; absent = Get-Acl fails. */
  acls?: Record<string, string>;
  env?: Record<string, string>;
  isPackaged?: boolean;
  writable?: (dir: string) => boolean;
  mounts?: string;
}

const enoent = () => Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
const utf16Reg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);

function fakeDeps(m: FakeMachine): PolicyDeps & { execs: string[] } {
  const files = m.files ?? {};
  const written = new Map<string, Buffer>();
  const execs: string[] = [];
  return {
    execs,
    platform: m.platform,
    env: m.env ?? {},
    isPackaged: m.isPackaged ?? true,
    readText(f) {
      const file = files[f];
      if (f === '/proc/self/mounts' && m.mounts !== undefined) return m.mounts;
      if (!file) throw enoent();
      return file.text ?? '';
    },
    readBytes(f) {
      const b = written.get(f);
      if (!b) throw enoent();
      return b;
    },
    stat(f) {
      const file = files[f];
      if (file) return { uid: file.uid ?? 0, gid: file.gid ?? 0, mode: file.mode ?? 0o100644, isFile: !file.symlink };
      const dir = m.dirs?.[f] ?? {};
      return { uid: dir.uid ?? 0, gid: dir.gid ?? 0, mode: dir.mode ?? 0o40755, isFile: false };
    },
    exec(file, args, o) {
      execs.push([path.win32.basename(file), ...args].join(' '));
      if (file.endsWith('reg.exe')) {
        const hive = String(args[1]).slice(0, 4) as 'HKLM' | 'HKCU';
        const entry = m.registry?.[hive];
        if (entry === 'blocked') return { status: 1, stdout: '', stderr: 'ERROR: Registry editing has been disabled by your administrator.' };
        if (args[0] === 'query') {
          const full = hive === 'HKLM' ? 'HKEY_LOCAL_MACHINE' : 'HKEY_CURRENT_USER';
          const sub = ['Microsoft', ...(entry ? ['CareDesk'] : [])].map((k) => `${full}\\SOFTWARE\\Policies\\${k}`);
          return { status: 0, stdout: `\r\n${sub.join('\r\n')}\r\n`, stderr: '' };
        }
        if (args[0] === 'export' && entry) {
          written.set(String(args[2]), utf16Reg(entry));
          return { status: 0, stdout: 'The operation completed successfully.', stderr: '' };
        }
        return { status: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
      }
      if (file.endsWith('powershell.exe')) {
        const paths = (o?.env?.CAREDESK_ACL_PATHS ?? '').split('|');
        const sddls = paths.map((p) => m.acls?.[p]);
        if (sddls.some((s) => s === undefined)) return { status: 1, stdout: '', stderr: 'Get-Acl: access denied' };
        return { status: 0, stdout: `${sddls.join('\r\n')}\r\n`, stderr: '' };
      }
      if (file === '/sbin/mount') return { status: 0, stdout: m.mounts ?? '', stderr: '' };
      return { status: 127, stdout: '', stderr: 'not found' };
    },
    withTempFile: (name, fn) => fn(`C:\\Users\\nurse\\AppData\\Local\\Temp\\caredesk-policy-x\\${name}`),
    realpath: (p) => {
      if (files[p]?.symlink) return '/home/alice/evil.json';
      return p;
    },
    isDirectory: () => true,
    canWrite: m.writable ?? (() => true),
    uid: 1000,
  };
}

const codes = (problems: PolicyProblem[]) => problems.map((p) => `${p.source}|${p.key}|${p.code}`);
const ROOT_MOUNTS = '/dev/sda1 / ext4 rw 0 0\n';

// ---------------------------------------------------------------------------------------- sources

describe('where the policy is looked for', () => {
  it('per platform, machine-wide places only', () => {
    expect(policySources({ platform: 'linux', env: {}, isPackaged: true }).map((s) => s.label)).toEqual(['/etc/caredesk/policy.json']);
    expect(policySources({ platform: 'darwin', env: {}, isPackaged: true }).map((s) => s.label)).toEqual(['/Library/Application Support/CareDesk/policy.json']);
    expect(policySources({ platform: 'win32', env: { ProgramData: 'D:\\ProgramData' }, isPackaged: true }).map((s) => s.label)).toEqual([
      'HKLM\\SOFTWARE\\Policies\\CareDesk',
      'HKCU\\SOFTWARE\\Policies\\CareDesk',
      'D:\\ProgramData\\CareDesk\\policy.json',
    ]);
  });

  it('CAREDESK_POLICY replaces them in development, and is ignored by the installed app', () => {
    expect(policySources({ platform: 'linux', env: { CAREDESK_POLICY: '/tmp/p.json' }, isPackaged: false }).map((s) => s.label)).toEqual(['/tmp/p.json']);
    expect(policySources({ platform: 'win32', env: { CAREDESK_POLICY: 'C:\\p.json' }, isPackaged: true })[0]?.label).toBe('HKLM\\SOFTWARE\\Policies\\CareDesk');
  });
});

// ------------------------------------------------------------------------------------ Linux/macOS

describe('the Linux and macOS policy file', () => {
  const LINUX = '/etc/caredesk/policy.json';
  const MAC = '/Library/Application Support/CareDesk/policy.json';

  it('no file means no policy and no problem', () => {
    expect(loadPolicy(fakeDeps({ platform: 'linux' }))).toEqual({ policy: {}, problems: [], sources: [] });
  });

  it('reads a root-owned file', () => {
    const deps = fakeDeps({ platform: 'linux', files: { [LINUX]: { text: '{"idleLockMinutes": 5, "language": "es"}' } } });
    expect(loadPolicy(deps)).toEqual({ policy: { idleLockMinutes: 5, language: 'es' }, problems: [], sources: [LINUX] });
  });

  it('reads the macOS file, in a folder of the admin group', () => {
    const deps = fakeDeps({
      platform: 'darwin',
      files: { [MAC]: { text: '{"paperSize": "a4"}' } },
      dirs: { '/Library/Application Support': { gid: 80, mode: 0o40775 } },
    });
    expect(loadPolicy(deps)).toMatchObject({ policy: { paperSize: 'a4' }, problems: [] });
  });

  it.each([
    ['owned by a user', { [LINUX]: { text: '{"allowDevTools": true}', uid: 1000 } }, {}],
    ['writable by everyone', { [LINUX]: { text: '{"allowDevTools": true}', mode: 0o100666 } }, {}],
    ['writable by a users group', { [LINUX]: { text: '{"allowDevTools": true}', gid: 100, mode: 0o100664 } }, {}],
    ['in a folder a user owns', { [LINUX]: { text: '{"allowDevTools": true}' } }, { '/etc/caredesk': { uid: 1000 } }],
    ['in a world-writable folder', { [LINUX]: { text: '{"allowDevTools": true}' } }, { '/etc/caredesk': { mode: 0o41777 } }],
    ['a symbolic link', { [LINUX]: { text: '{"allowDevTools": true}', symlink: true } }, {}],
  ])('refuses a file %s, and applies none of it', (_label, files, dirs) => {
    const { policy, problems } = loadPolicy(fakeDeps({ platform: 'linux', files, dirs }));
    expect(policy).toEqual({});
    expect(codes(problems)).toEqual([`${LINUX}||untrusted_source`]);
  });

  it('names a file that is not JSON', () => {
    const { problems } = loadPolicy(fakeDeps({ platform: 'linux', files: { [LINUX]: { text: '{ "idleLockMinutes": 5, }' } } }));
    expect(codes(problems)).toEqual([`${LINUX}||not_json`]);
  });

  it('tolerates the byte-order mark an editor writes', () => {
    const { policy } = loadPolicy(fakeDeps({ platform: 'linux', files: { [LINUX]: { text: '\uFEFF{"idleLockMinutes": 5}' } } }));
    expect(policy).toEqual({ idleLockMinutes: 5 });
  });

  it('a development CAREDESK_POLICY file that is missing is a problem, not silence', () => {
    const { problems } = loadPolicy(fakeDeps({ platform: 'linux', isPackaged: false, env: { CAREDESK_POLICY: '/tmp/nope.json' } }));
    expect(codes(problems)).toEqual(['/tmp/nope.json||unreadable']);
  });
});

// -------------------------------------------------------------------------------------- Windows

const REG_HEADER = 'Windows Registry Editor Version 5.00\n\n';
const HKLM_REG = `${REG_HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk]
"IdleLockMinutes"=dword:00000005
"language"="es"
"allowDevTools"=dword:00000000
"dataFolder"=hex(2):25,00,50,00,72,00,6f,00,67,00,72,00,61,00,6d,00,44,00,61,00,74,00,61,00,25,00,5c,00,\\
  43,00,61,00,72,00,65,00,44,00,65,00,73,00,6b,00,00,00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk\\Server]
"Host"="db.maplegrove.example"
"Port"=dword:00001538
"Database"="caredesk"
"User"="station"
"Tls"="verify-full"
"PasswordSource"="credential_store"
`;
const HKCU_REG = `${REG_HEADER}[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\CareDesk]
"idleLockMinutes"=dword:0000001e
"paperSize"="a4"
`;
const PD = 'C:\\ProgramData';
const WIN_JSON = 'C:\\ProgramData\\CareDesk\\policy.json';
const ADMIN_FILE = 'O:BAG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)';
const ADMIN_FOLDER = 'O:BAG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)';
const winMounts = { platform: 'win32' as const, env: { ProgramData: PD, SystemRoot: 'C:\\Windows' } };

describe('the Windows policy: registry, then the ProgramData file', () => {
  it('no key and no file means no policy; reg.exe is called by its full path', () => {
    const deps = fakeDeps({ ...winMounts });
    expect(loadPolicy(deps)).toEqual({ policy: {}, problems: [], sources: [] });
    expect(deps.execs).toEqual(['reg.exe query HKLM\\SOFTWARE\\Policies', 'reg.exe query HKCU\\SOFTWARE\\Policies']);
  });

  it('reads HKLM with its Server subkey: names in any case, DWORDs as numbers and booleans, %vars% expanded', () => {
    const { policy, problems, sources } = loadPolicy(fakeDeps({ ...winMounts, registry: { HKLM: HKLM_REG } }));
    expect(problems).toEqual([]);
    expect(sources).toEqual(['HKLM\\SOFTWARE\\Policies\\CareDesk']);
    expect(policy).toEqual({
      idleLockMinutes: 5,
      language: 'es',
      allowDevTools: false,
      // A server is set, so the data folder is neither checked nor dropped: the server wins.
      dataFolder: 'C:\\ProgramData\\CareDesk',
      server: { host: 'db.maplegrove.example', port: 5432, database: 'caredesk', user: 'station', tls: 'verify-full', password: { source: 'credential_store' } },
    });
  });

  it('machine beats user beats file, key by key', () => {
    const deps = fakeDeps({
      ...winMounts,
      registry: { HKLM: HKLM_REG, HKCU: HKCU_REG },
      files: { [WIN_JSON]: { text: '{"idleLockMinutes": 60, "paperSize": "letter", "defaultPrinter": "Station 2"}' } },
      acls: { [WIN_JSON]: ADMIN_FILE, 'C:\\ProgramData\\CareDesk': ADMIN_FOLDER },
    });
    const { policy, sources } = loadPolicy(deps);
    expect(sources).toEqual(['HKLM\\SOFTWARE\\Policies\\CareDesk', 'HKCU\\SOFTWARE\\Policies\\CareDesk', WIN_JSON]);
    expect(policy).toMatchObject({ idleLockMinutes: 5, paperSize: 'a4', defaultPrinter: 'Station 2', language: 'es' });
  });

  it('a value of the wrong registry type is named, and the rest applies', () => {
    const reg = `${REG_HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk]\n"idleLockMinutes"="5"\n"allowSilentPrinting"=dword:00000002\n"paperSize"="a4"\n`;
    const { policy, problems } = loadPolicy(fakeDeps({ ...winMounts, registry: { HKLM: reg } }));
    expect(policy).toEqual({ paperSize: 'a4' });
    expect(codes(problems)).toEqual(['HKLM\\SOFTWARE\\Policies\\CareDesk|idleLockMinutes|wrong_type', 'HKLM\\SOFTWARE\\Policies\\CareDesk|allowSilentPrinting|wrong_type']);
  });

  it('a blocked reg.exe is a problem, never "no policy"', () => {
    const { problems } = loadPolicy(fakeDeps({ ...winMounts, registry: { HKLM: 'blocked' } }));
    expect(codes(problems)[0]).toBe('HKLM\\SOFTWARE\\Policies\\CareDesk||unreadable');
  });

  it('reads the ProgramData file when only administrators can change it', () => {
    const deps = fakeDeps({
      ...winMounts,
      files: { [WIN_JSON]: { text: '{"timeZone": "America/Chicago"}' } },
      acls: { [WIN_JSON]: ADMIN_FILE, 'C:\\ProgramData\\CareDesk': ADMIN_FOLDER },
    });
    expect(loadPolicy(deps)).toEqual({ policy: { timeZone: 'America/Chicago' }, problems: [], sources: [WIN_JSON] });
  });

  it.each([
    ['created by a user (the ProgramData default lets users add files)', 'O:S-1-5-21-1-2-3-1001G:S-1-5-21-1-2-3-513D:AI(A;ID;FA;;;S-1-5-21-1-2-3-1001)(A;ID;FA;;;SY)(A;ID;FA;;;BA)', ADMIN_FOLDER],
    ['writable by Users', 'O:BAG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1301bf;;;BU)', ADMIN_FOLDER],
    ['in a folder where Users may delete files', ADMIN_FILE, 'O:BAG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICI;0x1301ff;;;BU)'],
  ])('refuses the file when %s', (_label, fileSddl, folderSddl) => {
    const deps = fakeDeps({
      ...winMounts,
      files: { [WIN_JSON]: { text: '{"allowDevTools": true}' } },
      acls: { [WIN_JSON]: fileSddl, 'C:\\ProgramData\\CareDesk': folderSddl },
    });
    const { policy, problems } = loadPolicy(deps);
    expect(policy).toEqual({});
    expect(codes(problems)).toEqual([`${WIN_JSON}||untrusted_source`]);
  });

  it('refuses the file when who may change it cannot be checked', () => {
    const { problems } = loadPolicy(fakeDeps({ ...winMounts, files: { [WIN_JSON]: { text: '{}' } } }));
    expect(codes(problems)).toEqual([`${WIN_JSON}||untrusted_source`]);
  });
});

describe('the data and backup folders', () => {
  it('a data folder on a network share, missing, or not writable is named and dropped (with its source)', () => {
    const LINUX = '/etc/caredesk/policy.json';
    const deps = (extra: Partial<FakeMachine>, policy: object) =>
      fakeDeps({ platform: 'linux', files: { [LINUX]: { text: JSON.stringify(policy) } }, mounts: `${ROOT_MOUNTS}nas:/care /srv/care nfs4 rw 0 0\n`, ...extra });

    const share = loadPolicy(deps({}, { dataFolder: '/srv/care/CareDesk', idleLockMinutes: 5 }));
    expect(share.policy).toEqual({ idleLockMinutes: 5 });
    expect(share.problems).toEqual([{ source: LINUX, key: 'dataFolder', code: 'network_share', params: { path: '/srv/care/CareDesk', where: '/srv/care', kind: 'nfs4' } }]);

    const readOnly = loadPolicy(deps({ writable: () => false }, { backupFolder: '/var/backups/caredesk' }));
    expect(codes(readOnly.problems)).toEqual([`${LINUX}|backupFolder|not_writable`]);

    // A server wins over a data folder, which is then not checked at all.
    const withServer = loadPolicy(
      deps({}, { dataFolder: '/srv/care/CareDesk', server: { host: '127.0.0.1', database: 'c', user: 'u', tls: 'disable', password: { source: 'credential_store' } } }),
    );
    expect(withServer.problems).toEqual([]);
    expect(withServer.policy.dataFolder).toBe('/srv/care/CareDesk');
  });

  it('checks real folders: missing, a file, writable, on a share', () => {
    const dir = tempDir('caredesk-folder-');
    const file = path.join(dir, 'file.txt');
    fs.writeFileSync(file, 'x');
    const deps = { ...fakeDeps({ platform: 'linux', mounts: `${ROOT_MOUNTS}//nas/care ${dir}/share cifs rw 0 0\n` }), ...folderFs };
    fs.mkdirSync(path.join(dir, 'share'));
    expect(checkFolder('dataFolder', path.join(dir, 'missing'), 'S', deps)?.code).toBe('not_found');
    expect(checkFolder('dataFolder', file, 'S', deps)?.code).toBe('not_a_folder');
    expect(checkFolder('dataFolder', dir, 'S', deps)).toBeNull();
    expect(checkFolder('dataFolder', path.join(dir, 'share'), 'S', deps)?.code).toBe('network_share');
    // Nothing was created or left behind by the checks.
    expect(fs.readdirSync(dir).sort()).toEqual(['file.txt', 'share']);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('an unreadable mount table is a problem rather than a guess', () => {
    const deps = fakeDeps({ platform: 'darwin' });
    deps.exec = () => ({ status: 1, stdout: '', stderr: 'no' });
    expect(checkFolder('dataFolder', '/Users/Shared/CareDesk', 'S', deps)?.code).toBe('mounts_unreadable');
  });

  it('a mapped drive is judged by the UNC path it resolves to', () => {
    const deps = { ...fakeDeps({ platform: 'win32' }), realpath: () => '\\\\fileserver\\care\\CareDesk' };
    expect(checkFolder('dataFolder', 'Z:\\CareDesk', 'HKLM', deps)).toMatchObject({ code: 'network_share', params: { where: '\\\\fileserver\\care' } });
  });
});

// --------------------------------------------------------------------------------- pure helpers

describe('parseRegFile', () => {
  it('reads strings with escapes, DWORDs, expandable and multi strings, QWORDs, and wrapped hex', () => {
    const keys = parseRegFile(
      `\uFEFF${REG_HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk]\r\n@="ignored"\r\n"a"="C:\\\\Care \\"Desk\\""\r\n"b"=dword:0000000f\r\n"c"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"d"=hex(b):01,00,00,00,01,00,00,00\r\n"e"=hex:01,02\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Gone]\r\n"x"="y"\r\n`,
    );
    const values = keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk');
    expect(values?.get('a')).toEqual({ type: 'sz', value: 'C:\\Care "Desk"' });
    expect(values?.get('b')).toEqual({ type: 'dword', value: 15 });
    expect(values?.get('c')).toEqual({ type: 'multi_sz', value: ['a', 'b'] });
    expect(values?.get('d')).toEqual({ type: 'qword', value: 2 ** 32 + 1 });
    expect(values?.get('e')).toEqual({ type: 'binary', value: [1, 2] });
    expect(values?.get('')).toEqual({ type: 'sz', value: 'ignored' });
    expect(keys.size).toBe(1);
  });

  it('maps registry names to policy keys; the password is two flat values', () => {
    const keys = parseRegFile(HKLM_REG);
    const raw = registryToRawPolicy(
      keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CareDesk')!,
      new Map([
        ['PasswordSource', { type: 'sz', value: 'file' }],
        ['PasswordFile', { type: 'expand_sz', value: '%ProgramData%\\CareDesk\\db.pass' }],
        ['SslMode', { type: 'sz', value: 'x' }],
      ]),
      { PROGRAMDATA: 'C:\\ProgramData' },
    );
    expect(raw).toEqual({
      idleLockMinutes: 5,
      language: 'es',
      allowDevTools: false,
      dataFolder: 'C:\\ProgramData\\CareDesk',
      server: { password: { source: 'file', path: 'C:\\ProgramData\\CareDesk\\db.pass' }, SslMode: 'x' },
    });
  });
});

describe('trust checks', () => {
  it('posix: root-owned and not writable by others, all the way up', () => {
    const ok = { uid: 0, gid: 0, mode: 0o100644 };
    expect(posixTrustProblem([{ path: '/etc/caredesk/policy.json', stat: ok }, { path: '/etc/caredesk', stat: { ...ok, mode: 0o40755 } }])).toBeNull();
    expect(posixTrustProblem([{ path: '/x', stat: { ...ok, mode: 0o100664, gid: 0 } }])).toBeNull();
    expect(posixTrustProblem([{ path: '/x', stat: { ...ok, uid: 501 } }])).toMatch(/owned by uid 501/);
    expect(posixTrustProblem([{ path: '/x', stat: { ...ok, uid: 501 } }], { trustedUids: [501] })).toBeNull();
  });

  it('parses SDDL owners, aliases and rights', () => {
    const sd = parseSddl(ADMIN_FOLDER);
    expect(sd.owner).toBe('S-1-5-32-544');
    expect(sd.aces).toHaveLength(5);
    expect(sd.aces[3]).toEqual({ type: 'A', flags: 'OICIID', rights: 0x1200a9, sid: 'S-1-5-32-545' });
    expect(sd.aces[4]?.rights).toBe(0x2 | 0x4 | 0x10 | 0x100);
  });

  it('windows: Users reading, inheritable Creator Owner entries and deny entries are fine', () => {
    expect(windowsTrustProblem(ADMIN_FILE, 'file', 'f')).toBeNull();
    expect(windowsTrustProblem(ADMIN_FOLDER, 'folder', 'd')).toBeNull();
    expect(windowsTrustProblem('O:SYD:(A;;FA;;;SY)(D;;FA;;;BU)', 'file', 'f')).toBeNull();
    expect(windowsTrustProblem('O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464D:(A;;FA;;;BA)', 'file', 'f')).toBeNull();
  });

  it('windows: write, delete, ACL or owner rights for anyone else are not', () => {
    expect(windowsTrustProblem('O:BAD:(A;;FW;;;BU)', 'file', 'f')).toMatch(/S-1-5-32-545/);
    expect(windowsTrustProblem('O:BAD:(A;;SD;;;AU)', 'file', 'f')).toMatch(/S-1-5-11/);
    expect(windowsTrustProblem('O:BAD:(A;;WD;;;WD)', 'file', 'f')).toMatch(/S-1-1-0/);
    expect(windowsTrustProblem('O:BAD:(A;;0x40;;;BU)', 'folder', 'd')).toMatch(/S-1-5-32-545/);
    expect(windowsTrustProblem('O:BAD:(A;;ZZ;;;BU)', 'file', 'f')).toMatch(/S-1-5-32-545/);
    expect(windowsTrustProblem('D:(A;;FA;;;BA)', 'file', 'f')).toMatch(/owner/);
  });
});
