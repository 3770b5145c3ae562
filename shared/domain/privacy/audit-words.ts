import type { Messages } from '../../i18n';
import { interpolate } from '../../policy/messages';
import { formatDate, formatDateTime } from '../date-display';
import type { Params, Words } from './audit-labels';

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The audit labels' words outside the renderer (the CSV export, tests): a catalog, a language, the facility's zone. */
export function wordsFrom(messages: Messages, language: string, timeZone: string): Words {
  return {
    t(keys: string | readonly string[], params: Params = {}) {
      const list = typeof keys === 'string' ? [keys] : keys;
      for (const k of list) {
        const text = lookup(messages, k);
        if (text !== undefined) return interpolate(text, params);
      }
      return list.at(-1) ?? '';
    },
    has: (key) => lookup(messages, key) !== undefined,
    date: (iso) => formatDate(iso, language),
    dateTime: (instant) => formatDateTime(instant, language, timeZone),
  };
}
