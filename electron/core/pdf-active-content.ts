import { inflateSync } from 'node:zlib';

/**
 * Names that make a PDF do something when opened rather than show something: scripts, launching
 * a program, files carried inside it, embedded media and XFA forms (which carry scripts). A
 * training certificate needs none of them.
 */
const ACTIVE = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

/** A PDF name may spell any character as #xx: /J#61vaScript is /JavaScript. */
const decodeName = (n: string) => n.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

function activeNameIn(text: string): string | null {
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const name = decodeName(m[1]!);
    if (ACTIVE.has(name)) return name;
  }
  return null;
}

/**
 * The first active-content name in a PDF, or null. Dictionaries are read where they live: in the
 * file's text outside stream data, and inside object streams (/Type /ObjStm), which are inflated.
 * Other streams (page content, images) are skipped: their bytes are not dictionaries, and a scan
 * could hold "/JS" by chance.
 */
export function pdfActiveContent(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  const outside: string[] = [];
  let at = 0;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    if (start < at) continue;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const header = text.slice(Math.max(at, text.lastIndexOf('obj', m.index)), m.index);
    outside.push(text.slice(at, m.index));
    const names = [...header.matchAll(/\/([^\s/[\]<>(){}%]+)/g)].map((n) => decodeName(n[1]!));
    if (names.includes('ObjStm')) {
      const body = bytes.subarray(start, end);
      let inflated: Buffer | null = null;
      for (const candidate of [body, body.subarray(0, Math.max(0, body.length - 1)), body.subarray(0, Math.max(0, body.length - 2))]) {
        try {
          // Bounded: a small file must not unpack into gigabytes.
          inflated = names.includes('FlateDecode') ? inflateSync(candidate, { maxOutputLength: 32 * 1024 * 1024 }) : candidate;
          break;
        } catch {
          inflated = null;
        }
      }
      // An object stream that cannot be read cannot be cleared.
      if (inflated === null) return 'ObjStm';
      const found = activeNameIn(inflated.toString('latin1'));
      if (found) return found;
    }
    at = end + 'endstream'.length;
  }
  outside.push(text.slice(at));
  return activeNameIn(outside.join('\n'));
}
