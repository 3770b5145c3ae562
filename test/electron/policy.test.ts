import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyError, policyLocation, readPolicy } from '../../electron/main/policy';
import { tempDir } from '../support/core';

const F = 'policy.json';

describe('parsePolicy', () => {
  it('accepts an empty policy and the known fields', () => {
    expect(parsePolicy('{}', F, 'linux')).toEqual({});
    expect(parsePolicy('{"dataFolder":"/srv/caredesk","allowDevTools":true}', F, 'linux')).toEqual({
      dataFolder: '/srv/caredesk',
      allowDevTools: true,
    });
    expect(parsePolicy('{"dataFolder":"D:\\\\CareDesk\\\\data"}', F, 'win32')).toEqual({ dataFolder: 'D:\\CareDesk\\data' });
    expect(parsePolicy('{"dataFolder":"\\\\\\\\server\\\\share\\\\CareDesk"}', F, 'win32')).toEqual({ dataFolder: '\\\\server\\share\\CareDesk' });
  });

  it('tolerates the BOM Notepad writes', () => {
    expect(parsePolicy('\uFEFF{"allowDevTools":false}', F, 'win32')).toEqual({ allowDevTools: false });
  });

  it('refuses broken JSON with a clear error', () => {
    expect(() => parsePolicy('{"dataFolder": ', F, 'linux')).toThrow(PolicyError);
    expect(() => parsePolicy('{"dataFolder": ', F, 'linux')).toThrow(/not valid JSON/);
  });

  it('refuses unknown fields instead of ignoring them (a typo must not fall back silently)', () => {
    expect(() => parsePolicy('{"datafolder":"/srv/caredesk"}', F, 'linux')).toThrow(/datafolder/);
  });

  it('refuses wrong types, empty and relative folders', () => {
    expect(() => parsePolicy('{"allowDevTools":"yes"}', F, 'linux')).toThrow(/allowDevTools/);
    expect(() => parsePolicy('{"dataFolder":""}', F, 'linux')).toThrow(/dataFolder/);
    expect(() => parsePolicy('{"dataFolder":"data"}', F, 'linux')).toThrow(/absolute/);
    expect(() => parsePolicy('{"dataFolder":"C:data"}', F, 'win32')).toThrow(/absolute/);
    expect(() => parsePolicy('[]', F, 'linux')).toThrow(PolicyError);
    expect(() => parsePolicy('null', F, 'linux')).toThrow(PolicyError);
  });

  it('names the file and every problem', () => {
    try {
      parsePolicy('{"dataFolder":"rel","allowDevTools":1}', '/etc/caredesk/policy.json', 'linux');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      const pe = e as PolicyError;
      expect(pe.problems).toHaveLength(2);
      expect(pe.message).toContain('/etc/caredesk/policy.json');
    }
  });
});

describe('policyLocation and readPolicy', () => {
  it('uses CAREDESK_POLICY first, then the machine-wide path', () => {
    expect(policyLocation({ CAREDESK_POLICY: '/tmp/p.json' }, 'linux')).toEqual({ file: '/tmp/p.json', explicit: true });
    expect(policyLocation({}, 'linux')).toEqual({ file: '/etc/caredesk/policy.json', explicit: false });
    expect(policyLocation({ ProgramData: 'C:\\ProgramData' }, 'win32')).toEqual({
      file: 'C:\\ProgramData\\CareDesk\\policy.json',
      explicit: false,
    });
  });

  it('treats a missing machine-wide file as no policy, but a missing named file as an error', () => {
    const dir = tempDir('caredesk-policy-');
    const missing = path.join(dir, 'nope.json');
    expect(() => readPolicy({ CAREDESK_POLICY: missing }, 'linux')).toThrow(PolicyError);
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, JSON.stringify({ dataFolder: dir }));
    expect(readPolicy({ CAREDESK_POLICY: file }, 'linux')).toEqual({ policy: { dataFolder: dir }, file });
    fs.writeFileSync(file, '{ "dataFolder": 42 }');
    expect(() => readPolicy({ CAREDESK_POLICY: file }, 'linux')).toThrow(/dataFolder/);
  });
});
