import fs from 'node:fs';
import path from 'node:path';
import { jsonLogger, type Logger } from '../core/log';

// One old generation is kept; a nursing-station PC runs for months and the disk is not ours to fill.
const ROTATE_AT_BYTES = 10 * 1024 * 1024;

export interface FileLog {
  log: Logger;
  file: string;
  /** Flushes and closes the stream; resolves once the last line is on disk. */
  close(): Promise<void>;
}

/**
 * JSON lines in <userData>/logs/caredesk.log. Only the core Logger's shapes are written
 * (method, duration, result code, scrubbed error class), so no resident data can reach the file.
 */
export function openFileLog(userData: string): FileLog {
  const dir = path.join(userData, 'logs');
  const file = path.join(dir, 'caredesk.log');
  fs.mkdirSync(dir, { recursive: true });
  try {
    if (fs.statSync(file).size > ROTATE_AT_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // No log yet, or it cannot be rotated: appending to it is still better than no log.
  }
  const stream = fs.createWriteStream(file, { flags: 'a', encoding: 'utf8' });
  // A full disk must not take the app down with it; the log is for support, not for care.
  stream.on('error', () => {});
  let closed = false;
  const log = jsonLogger((line) => {
    if (!closed) stream.write(line);
  });
  return {
    log,
    file,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        stream.end(() => resolve());
      }),
  };
}
