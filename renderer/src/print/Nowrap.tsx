import { VALUE_SLOT } from './text';

/**
 * A translated phrase whose value (a date, a time, a room) must never break across lines, while
 * the words around it may: `<Nowrap text={t('x.expires', { date: VALUE_SLOT })} value="Dec 12, 2026" />`.
 * A date broken mid-way ("2026-12-" / "05") is a date misread; an overflowing one is caught by the kit.
 */
export function Nowrap({ text, value }: { text: string; value: string }) {
  const at = text.indexOf(VALUE_SLOT);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="cd-nowrap">{value}</span>
      {text.slice(at + VALUE_SLOT.length)}
    </>
  );
}
