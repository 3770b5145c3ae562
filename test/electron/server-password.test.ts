import { describe, expect, it } from 'vitest';
import { CREDENTIAL_SERVICE, posixSecretProblem, readServerPassword, windowsSecretProblem } from '../../electron/main/server-password';
import type { ServerPolicy } from '../../shared/policy/schema';

const server = (password: ServerPolicy['password']): ServerPolicy => ({ host: 'db.facility.local', port: 5432, database: 'caredesk', user: 'caredesk', tls: 'verify-full', password });

/** A machine as the reader sees it: files with owner and mode, and the commands it may run. */
function machine(o: { platform?: NodeJS.Platform; files?: Record<string, { uid: number; mode: number; text: string }>; exec?: (file: string, args: readonly string[]) => { status: number | null; stdout: string; stderr: string }; uid?: number }) {
  const calls: string[][] = [];
  return {
    calls,
    deps: {
      platform: o.platform ?? 'linux',
      uid: o.uid ?? 1000,
      readText: (f: string) => {
        const file = o.files?.[f];
        if (!file) throw new Error('ENOENT');
        return file.text;
      },
      stat: (f: string) => {
        const file = o.files?.[f];
        if (!file) throw new Error('ENOENT');
        return { uid: file.uid, gid: 0, mode: file.mode, isFile: true };
      },
      exec: (file: string, args: readonly string[]) => {
        calls.push([file, ...args]);
        return o.exec ? o.exec(file, args) : { status: 1, stdout: '', stderr: 'not found' };
      },
    },
  };
}

describe("the facility server's password", () => {
  it('comes from a file only the account CareDesk runs as can read; a trailing newline is not part of it', () => {
    const m = machine({ files: { '/etc/caredesk/pw': { uid: 1000, mode: 0o100600, text: 'correct horse battery\n' } } });
    expect(readServerPassword(server({ source: 'file', path: '/etc/caredesk/pw' }), m.deps)).toEqual({ ok: true, password: 'correct horse battery' });
  });

  it('refuses a file others can read, one owned by someone else, a missing one and an empty one', () => {
    const files = {
      '/a': { uid: 1000, mode: 0o100644, text: 'x' },
      '/b': { uid: 0, mode: 0o100600, text: 'x' },
      '/d': { uid: 1000, mode: 0o100400, text: '\n' },
    };
    const m = machine({ files });
    expect(readServerPassword(server({ source: 'file', path: '/a' }), m.deps)).toMatchObject({ ok: false, reason: 'password_file_unsafe' });
    expect(readServerPassword(server({ source: 'file', path: '/b' }), m.deps)).toMatchObject({ ok: false, reason: 'password_file_unsafe' });
    expect(readServerPassword(server({ source: 'file', path: '/c' }), m.deps)).toMatchObject({ ok: false, reason: 'password_file_missing' });
    expect(readServerPassword(server({ source: 'file', path: '/d' }), m.deps)).toMatchObject({ ok: false, reason: 'password_file_empty' });
    expect(posixSecretProblem({ uid: 1000, mode: 0o640 }, 1000, '/x')).toContain('mode 640');
  });

  it('on Windows, a file readable by Users is refused; SYSTEM, Administrators and the account itself are fine', () => {
    const me = 'S-1-5-21-1-2-3-1001';
    expect(windowsSecretProblem(`O:${me}G:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;${me})`, me, 'C:\\pw')).toBeNull();
    expect(windowsSecretProblem(`O:${me}G:SYD:PAI(A;;FA;;;SY)(A;;0x1200a9;;;BU)`, me, 'C:\\pw')).toContain('S-1-5-32-545');
  });

  it('or from the credential store of each platform, by its documented command, under "CareDesk Server"', () => {
    const ok = { status: 0, stdout: 's3cret pass\n', stderr: '' };
    const linux = machine({ exec: () => ok });
    expect(readServerPassword(server({ source: 'credential_store' }), linux.deps)).toEqual({ ok: true, password: 's3cret pass' });
    expect(linux.calls[0]).toEqual(['secret-tool', 'lookup', 'service', CREDENTIAL_SERVICE, 'account', 'caredesk']);
    const mac = machine({ platform: 'darwin', exec: () => ok });
    readServerPassword(server({ source: 'credential_store' }), mac.deps);
    expect(mac.calls[0]).toEqual(['/usr/bin/security', 'find-generic-password', '-s', CREDENTIAL_SERVICE, '-a', 'caredesk', '-w']);
    const win = machine({ platform: 'win32', exec: () => ({ status: 0, stdout: 's3cret pass', stderr: '' }) });
    expect(readServerPassword(server({ source: 'credential_store' }), win.deps)).toEqual({ ok: true, password: 's3cret pass' });
    expect(win.calls[0]![0]).toBe('powershell.exe');
    expect(win.calls[0]!.join(' ')).toContain("Retrieve('CareDesk Server', 'caredesk')");
  });

  it('says so when the store has no such credential, or cannot be asked at all', () => {
    expect(readServerPassword(server({ source: 'credential_store' }), machine({}).deps)).toMatchObject({ ok: false, reason: 'credential_missing' });
    expect(readServerPassword(server({ source: 'credential_store' }), machine({ exec: () => ({ status: null, stdout: '', stderr: '' }) }).deps)).toMatchObject({ ok: false, reason: 'credential_store_unavailable' });
  });
});
