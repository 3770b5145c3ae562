/**
 * The Windows administrative template (docs/policy/CareDesk.admx and its two ADML files) and
 * the example policies in docs/policy agree with what the policy loader accepts: every key,
 * value type, range and choice. A template that writes what CareDesk refuses would lock IT out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findKey, parseRegFile, POLICY_REGISTRY_PATH, registryToRawPolicy } from '../../electron/main/policy/registry';
import { parsePolicyObject, POLICY_KEYS, POLICY_RANGES, POLICY_VALUE_KINDS } from '../../shared/policy/schema';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'policy');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const admx = read('CareDesk.admx');
const admls = { en: read('en-US/CareDesk.adml'), es: read('es-ES/CareDesk.adml') };

/** Elements open and close in order (comments, declarations and self-closing tags aside). */
function wellFormed(xml: string): string | null {
  const stack: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , self] = m;
    if (self) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return `</${name}> closes the wrong element`;
  }
  if (/&(?!amp;|lt;|gt;|quot;|apos;|#)/.test(body)) return 'an unescaped &';
  return stack.length ? `<${stack.at(-1)}> is never closed` : null;
}

const policies = [...admx.matchAll(/<policy name="(\w+)"[^>]*key="([^"]+)"([^>]*)>([\s\S]*?)<\/policy>/g)].map((m) => ({
  name: m[1]!,
  key: m[2]!,
  attrs: m[3]!,
  body: m[4]!,
}));
const valueNames = (p: (typeof policies)[number]) => [...`${p.attrs}${p.body}`.matchAll(/valueName="(\w+)"/g)].map((m) => m[1]!);

describe('the ADMX/ADML template', () => {
  it('is well-formed XML, in three files', () => {
    expect(wellFormed(admx)).toBeNull();
    expect(wellFormed(admls.en)).toBeNull();
    expect(wellFormed(admls.es)).toBeNull();
  });

  it('has a setting for every policy key, at HKLM/HKCU\\Software\\Policies\\CareDesk', () => {
    const top = policies.filter((p) => p.key === 'Software\\Policies\\CareDesk').flatMap(valueNames);
    expect(top.sort()).toEqual(POLICY_KEYS.filter((k) => k !== 'server').sort());
    // Machine and user: CareDesk reads HKLM first, then HKCU.
    expect([...admx.matchAll(/<policy name="\w+" class="(\w+)"/g)].map((m) => m[1])).toEqual(policies.map(() => 'Both'));
    expect(POLICY_REGISTRY_PATH.toLowerCase()).toBe('software\\policies\\caredesk');
  });

  it('writes the server as its own key with the values the loader maps', () => {
    const server = policies.find((p) => p.key === 'Software\\Policies\\CareDesk\\Server');
    expect(server && valueNames(server)).toEqual(['host', 'port', 'database', 'user', 'tls', 'caFile', 'passwordSource', 'passwordFile']);
  });

  it('writes on/off settings as DWORD 1/0 and numbers as DWORDs within the allowed ranges', () => {
    for (const key of POLICY_KEYS.filter((k) => POLICY_VALUE_KINDS[k] === 'boolean')) {
      const p = policies.find((x) => valueNames(x).includes(key))!;
      expect(p.body, key).toMatch(/<enabledValue><decimal value="1" \/><\/enabledValue>\s*<disabledValue><decimal value="0" \/><\/disabledValue>/);
    }
    expect(admx).toContain(`valueName="idleLockMinutes" required="true" minValue="${POLICY_RANGES.idleLockMinutes.min}" maxValue="${POLICY_RANGES.idleLockMinutes.max}"`);
    expect(admx).toContain(`valueName="minPasswordLength" required="true" minValue="${POLICY_RANGES.minPasswordLength.min}" maxValue="${POLICY_RANGES.minPasswordLength.max}"`);
    expect(admx).toContain(`valueName="port" required="true" minValue="${POLICY_RANGES.port.min}" maxValue="${POLICY_RANGES.port.max}"`);
  });

  it("offers exactly the choices the schema accepts", () => {
    const choices = (id: string) => [...(new RegExp(`<enum id="${id}"[\\s\\S]*?</enum>`).exec(admx)?.[0] ?? '').matchAll(/<string>([^<]+)<\/string>/g)].map((m) => m[1]);
    expect(choices('Language')).toEqual(['en', 'es']);
    expect(choices('PaperSize')).toEqual(['letter', 'a4']);
    expect(choices('ServerTls')).toEqual(['verify-full', 'require', 'disable']);
    expect(choices('ServerPasswordSource')).toEqual(['credential_store', 'file']);
    expect(choices('KeyProtection')).toEqual(['account', 'machine']);
  });

  it('has every string and presentation it refers to, in English and Spanish alike', () => {
    const strings = [...admx.matchAll(/\$\(string\.(\w+)\)/g)].map((m) => m[1]!);
    const presentations = [...admx.matchAll(/\$\(presentation\.(\w+)\)/g)].map((m) => m[1]!);
    for (const [lang, adml] of Object.entries(admls)) {
      const defined = new Set([...adml.matchAll(/<string id="(\w+)">/g)].map((m) => m[1]!));
      for (const s of strings) expect(defined.has(s), `${lang} string ${s}`).toBe(true);
      const pres = new Set([...adml.matchAll(/<presentation id="(\w+)">/g)].map((m) => m[1]!));
      for (const p of presentations) expect(pres.has(p), `${lang} presentation ${p}`).toBe(true);
      // Each element a presentation shows is one the policy defines.
      for (const ref of adml.matchAll(/refId="(\w+)"/g)) expect(admx, `${lang} ${ref[1]}`).toContain(`id="${ref[1]}"`);
    }
    const ids = (adml: string) => [...adml.matchAll(/ id="(\w+)"/g)].map((m) => m[1]).sort();
    expect(ids(admls.es)).toEqual(ids(admls.en));
  });
});

describe('the example policies in docs/policy', () => {
  it('example.reg is what the loader reads as a valid machine policy', () => {
    const keys = parseRegFile(read('example.reg'));
    const raw = registryToRawPolicy(findKey(keys, POLICY_REGISTRY_PATH)!, findKey(keys, `${POLICY_REGISTRY_PATH}\\Server`), {});
    const { policy, problems } = parsePolicyObject(raw, { source: 'example.reg', platform: 'win32' });
    expect(problems).toEqual([]);
    expect(policy).toMatchObject({ dataFolder: 'D:\\CareDesk', language: 'es', idleLockMinutes: 5, minPasswordLength: 16, allowDevTools: false });
  });

  it.each(['example-policy.json', 'example-server-policy.json'])('%s is valid', (f) => {
    const { problems } = parsePolicyObject(JSON.parse(read(f)), { source: f, platform: 'posix' });
    expect(problems).toEqual([]);
  });
});
