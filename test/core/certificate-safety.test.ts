import { deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { adminCore } from '../support/core';
import { countRows } from '../support/db';

/**
 * Issue 16, item 8: a file starting `%PDF-` was stored as `certificate.cmd`, `certificate.pdf.html`
 * or `cert.svg` and downloaded under that name. Files are now named from their sniffed type with
 * path characters stripped, and PDFs carrying JavaScript or launch actions are refused.
 */

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const plainPdf = pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

async function withRecord() {
  const a = await adminCore();
  const course = (await a.must('training.listCourses', {})).rows.find((c) => c.code === 'cpr_bls')!;
  const staff = await a.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E1', hireDate: '2019-05-01', unitId: null });
  const record = await a.must('training.createRecord', { staffId: staff.id, courseId: course.id, completedOn: '2025-01-10', hours: null, provider: null, certificateNumber: null });
  const attach = (fileName: string, bytes: Buffer, mimeType = '') => a.call('training.attachCertificate', { recordId: record.id, fileName, mimeType, dataBase64: bytes.toString('base64') });
  return { ...a, record, attach };
}

describe('certificate uploads', () => {
  test.each([
    ['certificate.cmd', plainPdf, 'certificate.pdf'],
    ['certificate.pdf.html', plainPdf, 'certificate.pdf'],
    ['cert.svg', png, 'cert.png'],
    ['../../etc/scan.jpeg', jpeg, 'scan.jpg'],
    ['C:\\Users\\rosa\\Desktop\\CPR card.PDF', plainPdf, 'CPR card.pdf'],
    ['<script>.pdf', plainPdf, 'script.pdf'],
    ['.pdf', plainPdf, 'certificate.pdf'],
  ])('%s is stored and downloaded under the name of its sniffed type', async (uploaded, bytes, expected) => {
    const a = await withRecord();
    const r = await a.attach(uploaded, bytes);
    expect(r).toMatchObject({ ok: true, value: { fileName: expected } });
    if (!r.ok) return;
    expect((await a.must('training.getCertificate', { id: r.value.id })).fileName).toBe(expected);
  });

  test.each([
    ['JavaScript', pdf('1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj')],
    ['a launch action', pdf('1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj')],
    ['JavaScript spelled with #-escapes', pdf('1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj')],
    ['JavaScript inside a compressed object stream', pdf(`2 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 60 >>\nstream\n${deflateSync(Buffer.from('3 0 << /S /JavaScript /JS (app.alert(1)) >>')).toString('latin1')}\nendstream\nendobj`)],
    ['an embedded file', pdf('1 0 obj << /Type /EmbeddedFile /Length 2 >> endobj')],
  ])('a PDF carrying %s is refused and nothing is stored', async (_what, bytes) => {
    const a = await withRecord();
    const before = await countRows(a.core, 'training_certificates');
    expect(await a.attach('certificate.pdf', bytes, 'application/pdf')).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'file', code: 'file_active_content' }] } });
    expect(await countRows(a.core, 'training_certificates')).toBe(before);
  });

  test('an ordinary PDF whose text mentions JavaScript is not refused for the word', async () => {
    const a = await withRecord();
    expect(await a.attach('certificate.pdf', pdf('1 0 obj << /Type /Catalog >> endobj\n2 0 obj (Course: JavaScript for nurses) endobj'))).toMatchObject({ ok: true });
  });
});
