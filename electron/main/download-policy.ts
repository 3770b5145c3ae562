/**
 * What the window may save as a download: certificate scans as CareDesk stores them (named from
 * their sniffed type: .pdf, .png, .jpg), and the app's own exports (.csv, and .ics for calendars).
 * Anything else — `certificate.cmd`, `certificate.pdf.html`, `cert.svg` — is refused by main's
 * `will-download` check, whatever the renderer or a stored file name says.
 */
export const DOWNLOAD_EXTENSIONS = ['.pdf', '.png', '.jpg', '.csv', '.ics'] as const;

export function isAllowedDownload(fileName: string): boolean {
  // A name, never a path, and no characters a file system would read specially.
  if (fileName === '' || /[\\/:*?"<>|]/.test(fileName) || [...fileName].some((c) => c.charCodeAt(0) < 0x20)) return false;
  const lower = fileName.toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return false;
  return (DOWNLOAD_EXTENSIONS as readonly string[]).includes(lower.slice(dot));
}
