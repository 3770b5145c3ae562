/**
 * Certificate uploads: what a scanned certificate may be. The file's first bytes decide its type,
 * never its name or the type the browser claims, so a renamed .exe is refused.
 */
export const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

export function sniffCertificateType(bytes: Uint8Array): CertificateType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

export type CertificateIssue = 'file_empty' | 'file_too_large' | 'file_type' | 'file_type_mismatch';

/** The reason a file cannot be stored, or null. `declared` is the type the picker reported. */
export function checkCertificate(bytes: Uint8Array, declared: string): CertificateIssue | null {
  if (bytes.length === 0) return 'file_empty';
  if (bytes.length > CERTIFICATE_MAX_BYTES) return 'file_too_large';
  const actual = sniffCertificateType(bytes);
  if (actual === null) return 'file_type';
  // Browsers report '' for unknown types and some report image/jpg; only a contradiction is refused.
  const claimed = declared.trim().toLowerCase().replace('image/jpg', 'image/jpeg');
  if (claimed !== '' && claimed !== actual) return (CERTIFICATE_TYPES as readonly string[]).includes(claimed) ? 'file_type_mismatch' : 'file_type';
  return null;
}
