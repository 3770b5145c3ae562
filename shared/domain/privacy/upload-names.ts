import type { CertificateType } from '../training/certificate';

const EXTENSION: Record<CertificateType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name a certificate scan is stored and downloaded under: the uploader's name without its
 * folders, path characters or any extension it claimed, plus the extension of the type its bytes
 * were sniffed as. `certificate.cmd`, `certificate.pdf.html` holding a PDF become `certificate.pdf`;
 * `cert.svg` holding a PNG becomes `cert.png`.
 */
export function certificateFileName(uploaded: string, type: CertificateType): string {
  const last = uploaded.split(/[\\/]/).pop() ?? '';
  let base = [...last]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .replace(/[<>:"|?*]+/g, '')
    .trim();
  // Every suffix that looks like an extension goes, so a second one cannot ride behind ours.
  while (/\.[A-Za-z0-9]{1,5}$/.test(base)) base = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').trimEnd();
  base = base
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 100)
    .trim();
  if (base === '' || RESERVED.test(base)) base = 'certificate';
  return `${base}.${EXTENSION[type]}`;
}
