import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { HandoffRowOut, SheetOut } from '../../../../shared/contract/handoff';
import type { PrintDestination } from '../../../../shared/contract/print';
import { contentRow, diffSheets, type Difference } from '../../../../shared/domain/handoff/content';
import { NOTE_LIMITS } from '../../../../shared/domain/handoff/vocabulary';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useCan, useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice, SelectInput } from '../../components/fields';
import { clockTime, errorText, shiftName, useTranslation } from '../../i18n';
import { usePrinter } from '../../print';
import type { Selection } from './HandoffScreen';
import { loadDowntimePrint, loadSheetPrint } from './prints';
import {
  allergyItems,
  awayText,
  changeMark,
  changesOf,
  codeStatusText,
  coverageText,
  dietLines,
  differenceText,
  dobOf,
  eventText,
  isolationText,
  mobilityText,
  nameOf,
  noteText,
  riskText,
  roomOf,
  shiftText,
} from './words';

// The sheet shows appointments and trips too: a change to either on another station announces a newer version.
const LIVE_ENTITIES = ['resident', 'handoff_note', 'handoff_action', 'handoff_ack', 'handoff_sheet', 'appointment', 'appointment_series', 'transport_booking', 'transport_leg'];

/** The content of a shown sheet, as the acknowledgment compares it with the sheet now. */
const contentOf = (s: SheetOut) => s.rows.map((r) => contentRow(r));

/**
 * The sheet of a unit for a shift on screen: the same rows and words as on paper, with "changed
 * since the last handoff" marks. From here it is printed (the whole unit, or the residents ticked),
 * the downtime packet made, and the handoff acknowledged by the receiving nurse.
 */
export function SheetPanel({ facility, selection }: { facility: Facility; selection: Selection }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { date: day } = useDates();
  const canAcknowledge = useCan('handoff.write');
  const downtimeReach = { appointments: useCan('appointments.read'), transport: useCan('transport.read') };
  const printer = usePrinter();
  const [shown, setShown] = useState<SheetOut | null>(null);
  const [newer, setNewer] = useState<SheetOut | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [printError, setPrintError] = useState<AppError | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [acknowledging, setAcknowledging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The system print dialog by default; a PDF file on request (inside Electron; a browser prints itself).
  const [to, setTo] = useState<PrintDestination>('printer');
  const shownRef = useRef<SheetOut | null>(null);

  const fetchSheet = useCallback(() => call('handoff.sheet', { unitId: selection.unitId, date: selection.date, shiftId: selection.shiftId }), [selection]);

  useEffect(() => {
    void fetchSheet().then((r) => {
      if (r.ok) {
        shownRef.current = r.value;
        setShown(r.value);
      } else setError(r.error);
    });
  }, [fetchSheet]);

  // A change elsewhere never swaps what the nurse is reading: it is announced, and shown on request.
  // While a print is being prepared the check waits (recording the printed version is itself a
  // change event): refetching and re-rendering a whole unit then would only slow the print down.
  const printing = useRef(false);
  const missed = useRef(false);
  const refresh = useCallback(() => {
    if (printing.current) {
      missed.current = true;
      return;
    }
    void fetchSheet().then((r) => {
      if (!r.ok || !shownRef.current) return;
      if (r.value.hash === shownRef.current.hash) {
        shownRef.current = { ...shownRef.current, acks: r.value.acks };
        setShown(shownRef.current);
        setNewer(null);
      } else setNewer(r.value);
    });
  }, [fetchSheet]);
  useLiveRefresh(LIVE_ENTITIES, refresh);
  // Stable, so the table of a whole unit is not rendered again each time a print starts or ends.
  const choose = useCallback((id: number, on: boolean) => {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  /** Runs a print with the live check held back, and catches up on what arrived meanwhile. */
  const whilePrinting = async (run: () => Promise<AppError | null>): Promise<AppError | null> => {
    printing.current = true;
    try {
      return await run();
    } finally {
      printing.current = false;
      if (missed.current) {
        missed.current = false;
        refresh();
      }
    }
  };

  const showNewer = (sheet: SheetOut) => {
    shownRef.current = sheet;
    setShown(sheet);
    setNewer(null);
  };

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!shown) return <p className="loading">{t('app.loading')}</p>;
  const printCtx = { facility, printedBy: user.displayName };
  const unitName = shown.unit?.name ?? '';
  const lastAck = shown.acks[0];

  const print = async (residentIds: number[] | null) => {
    setPrintError(null);
    const err = await whilePrinting(() =>
      printer.print({
        document: 'handoff.sheet',
        to,
        suggestedName: t('handoff.print.fileName', { unit: unitName, date: selection.date, shift: shiftName(shown.shift.name) }),
        render: () => loadSheetPrint(residentIds ? { residentIds } : { unitId: selection.unitId }, selection.date, selection.shiftId, printCtx),
      }),
    );
    setPrintError(err);
  };
  const printDowntime = async () => {
    setPrintError(null);
    setPrintError(
      await whilePrinting(() =>
        printer.print({
          document: 'handoff.downtime',
          to,
          suggestedName: t('handoff.print.downtimeFileName', { date: selection.date, shift: shiftName(shown.shift.name) }),
          render: () => loadDowntimePrint(selection.date, selection.shiftId, { ...printCtx, reach: downtimeReach }),
        }),
      ),
    );
  };

  return (
    <div className="handoff-sheet">
      <div className="sheet-summary">
        <p>
          <strong>{unitName}</strong> · {shiftText(shown.shift)} · {day(shown.date)} · {t('handoff.census', { count: shown.census, out: shown.outOfBuilding })} ·{' '}
          <span className={shown.coverage.result === 'ok' ? undefined : 'coverage-warning'}>
            {coverageText(shown.coverage)}
            {shown.coverage.result === 'ok' && shown.coverage.coveredBy.length > 0 ? ` (${shown.coverage.coveredBy.join(', ')})` : ''}
          </span>
        </p>
        <p className="legend">
          {shown.baseline
            ? t('handoff.sinceLegend', { shift: shiftName(shown.baseline.shiftName), date: day(shown.baseline.date), how: t(shown.baseline.acknowledged ? 'handoff.acknowledgedWord' : 'handoff.printedWord') })
            : t('handoff.noBaseline')}
        </p>
        <p className="ack-state" role="status">
          {lastAck
            ? t(lastAck.current ? 'handoff.ack.current' : 'handoff.ack.earlier', { name: lastAck.byName, time: clockTime(lastAck.at), date: day(lastAck.at.slice(0, 10)) })
            : t('handoff.ack.none')}
        </p>
      </div>
      <div className="toolbar">
        <SelectInput
          label={t('handoff.sheetActions.destination')}
          name="printTo"
          value={to}
          onChange={setTo}
          options={[
            { value: 'printer', label: t('handoff.sheetActions.toPrinter') },
            { value: 'pdf', label: t('handoff.sheetActions.toPdf') },
          ]}
        />
        <Button className="primary" isDisabled={printer.busy} onPress={() => void print(null)}>
          {t('handoff.sheetActions.print')}
        </Button>
        <Button isDisabled={printer.busy || chosen.size === 0} onPress={() => void print([...chosen])}>
          {t('handoff.sheetActions.printChosen', { count: chosen.size })}
        </Button>
        <Button isDisabled={printer.busy} onPress={() => void printDowntime()}>
          {t('handoff.sheetActions.downtime')}
        </Button>
        {canAcknowledge ? (
          <Button className="primary" isDisabled={shown.rows.length === 0} onPress={() => setAcknowledging(true)}>
            {t('handoff.sheetActions.acknowledge')}
          </Button>
        ) : null}
        {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      </div>
      {printError ? <Notice tone="error">{errorText(printError)}</Notice> : null}
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {newer ? (
        <Notice tone="info">
          <p>{t('handoff.changedWhileShown')}</p>
          <Button className="small" onPress={() => showNewer(newer)}>
            {t('handoff.showNewer')}
          </Button>
        </Notice>
      ) : null}
      {shown.rows.length === 0 ? (
        <p className="empty">{t('handoff.emptyUnit', { unit: unitName })}</p>
      ) : (
        <SheetTable
          sheet={shown}
          language={i18n.language}
          timeZone={facility.timeZone}
          chosen={chosen}
          onChoose={choose}
        />
      )}
      {printer.view}
      {acknowledging ? (
        <AcknowledgeDialog
          shown={shown}
          selection={selection}
          fetchCurrent={fetchSheet}
          onClose={() => setAcknowledging(false)}
          onDone={(sheet, at) => {
            setAcknowledging(false);
            showNewer(sheet);
            setNotice(t('handoff.ack.done', { time: clockTime(at) }));
            void fetchSheet().then((r) => r.ok && r.value.hash === sheet.hash && showNewer(r.value));
          }}
        />
      ) : null}
    </div>
  );
}

function Marks({ row, kinds }: { row: HandoffRowOut; kinds: HandoffRowOut['changes'][number]['kind'][] }) {
  const marks = changesOf(row, ...kinds);
  return marks.length === 0 ? null : (
    <span className="change-mark">
      {marks.map((c, i) => (
        <span key={i}>{changeMark(c)} </span>
      ))}
    </span>
  );
}

/** Memoised: a unit's table is hundreds of rows, and the panel re-renders as a print starts and ends. */
const SheetTable = memo(function SheetTable(p: { sheet: SheetOut; language: string; timeZone: string; chosen: ReadonlySet<number>; onChoose(id: number, on: boolean): void }) {
  const { t } = useTranslation();
  const { language, timeZone } = p;
  return (
    <table className="data handoff-table">
      <caption className="visually-hidden">{t('handoff.tableCaption', { unit: p.sheet.unit?.name ?? '' })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('handoff.col.choose')}</th>
          <th scope="col">{t('handoff.col.resident')}</th>
          <th scope="col">{t('handoff.col.code')}</th>
          <th scope="col">{t('handoff.col.allergies')}</th>
          <th scope="col">{t('handoff.col.diet')}</th>
          <th scope="col">{t('handoff.col.mobility')}</th>
          <th scope="col">{t('handoff.col.risks')}</th>
          <th scope="col">{t('handoff.col.isolation')}</th>
          <th scope="col">{t('handoff.col.events')}</th>
          <th scope="col">{t(`handoff.col.notes_${p.sheet.template}`)}</th>
        </tr>
      </thead>
      <tbody>
        {p.sheet.rows.map((r) => (
          <tr key={r.residentId} className={r.changes.length > 0 ? 'changed' : undefined}>
            <td>
              <input type="checkbox" checked={p.chosen.has(r.residentId)} aria-label={t('handoff.chooseResident', { name: nameOf(r), room: roomOf(r) })} onChange={(e) => p.onChoose(r.residentId, e.target.checked)} />
            </td>
            <th scope="row">
              <span className="room">{roomOf(r)}</span> {nameOf(r)}
              <span className="sub">{dobOf(r, language)}</span>
              {r.away ? <span className="sub away">{awayText(r.away, language, timeZone)}</span> : null}
              <Marks row={r} kinds={['admitted', 'moved_in', 'returned']} />
            </th>
            <td>
              <span className={`code-status code-${r.codeStatus ?? 'none'}`}>{codeStatusText(r.codeStatus)}</span>
              <Marks row={r} kinds={['code_status']} />
            </td>
            <td>
              {allergyItems(r.allergies).map((a, i) => (
                <span key={i} className={a.severe ? 'sub allergy allergy-severe' : r.allergies.state === 'not_recorded' ? 'sub allergy-not_recorded' : 'sub'}>
                  {a.severe ? `${t('handoff.words.severe')} ` : ''}
                  {a.text}
                </span>
              ))}
              <Marks row={r} kinds={['allergies']} />
            </td>
            <td>
              {dietLines(r.diet).map((l, i) => (
                <span key={i} className="sub">
                  {l}
                </span>
              ))}
            </td>
            <td>{mobilityText(r.mobility)}</td>
            <td>
              <span className="sub">{riskText('fall', r.fallRisk)}</span>
              <span className="sub">{riskText('wander', r.wanderingRisk)}</span>
              <Marks row={r} kinds={['fall_risk']} />
            </td>
            <td>
              {isolationText(r.isolation)}
              <Marks row={r} kinds={['isolation']} />
            </td>
            <td>
              {r.events.length === 0
                ? t('handoff.words.noEvents')
                : r.events.map((e, i) => (
                    <span key={i} className="sub">
                      {eventText(e, language, timeZone)}
                    </span>
                  ))}
            </td>
            <td className="notes">
              {r.note?.severity ? <strong>{t(`handoff.severity.${r.note.severity}`)} </strong> : null}
              {noteText(r, language) || t('handoff.words.noNote')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/**
 * The receiving nurse confirms the handoff (the S of I-PASS) of the version on screen. If the sheet
 * changed since it was shown, main refuses; the changes are listed here, and only after reading them
 * can the nurse acknowledge the new version.
 */
function AcknowledgeDialog(p: {
  shown: SheetOut;
  selection: Selection;
  fetchCurrent(): ReturnType<typeof call<'handoff.sheet'>>;
  onClose(): void;
  onDone(sheet: SheetOut, at: string): void;
}) {
  const { t } = useTranslation();
  const { date: day } = useDates();
  const [target, setTarget] = useState<SheetOut>(p.shown);
  const [review, setReview] = useState<Difference[] | null>(null);
  const [synthesis, setSynthesis] = useState('');
  const over = synthesis.trim().length - NOTE_LIMITS.synthesis;
  const byId = new Map([...p.shown.rows, ...target.rows].map((r) => [r.residentId, r]));
  const who = (id: number) => {
    const r = byId.get(id);
    return r ? t('handoff.review.who', { name: nameOf(r), room: roomOf(r) }) : '';
  };

  const confirm = async (): Promise<AppError | null> => {
    if (over > 0) return { code: 'validation', message: 'error.validation', fields: [{ path: 'synthesis', code: 'too_long', params: { max: NOTE_LIMITS.synthesis } }] };
    const r = await call('handoff.acknowledge', { unitId: p.selection.unitId, date: p.selection.date, shiftId: p.selection.shiftId, hash: target.hash, synthesis });
    if (r.ok) {
      p.onDone(target, r.value.at);
      return null;
    }
    if (r.error.message !== 'handoff.sheetChanged') return r.error;
    // Changed since it was shown: what changed comes first, then the new version may be acknowledged.
    const current = await p.fetchCurrent();
    if (!current.ok) return current.error;
    setReview(diffSheets(contentOf(target), contentOf(current.value), { since: target.baseline?.date ?? target.date }));
    setTarget(current.value);
    return null;
  };

  return (
    <ConfirmDialog
      title={t('handoff.ack.title', { unit: p.shown.unit?.name ?? '', shift: shiftText(p.shown.shift), date: day(p.shown.date) })}
      confirmLabel={review ? t('handoff.ack.confirmReviewed') : t('handoff.ack.confirm')}
      labels={{ synthesis: t('handoff.ack.synthesis') }}
      onConfirm={confirm}
      onCancel={p.onClose}
    >
      {review ? (
        <div className="ack-review" role="alert">
          <p>
            <strong>{t('handoff.ack.changed', { count: review.length })}</strong>
          </p>
          <ul>
            {review.map((d, i) => (
              <li key={i}>{differenceText(d, who(d.residentId))}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{t('handoff.ack.body', { count: target.census, version: target.hash.slice(0, 8) })}</p>
      <div className="field note-field">
        <label htmlFor="ack-synthesis">{t('handoff.ack.synthesis')}</label>
        <textarea id="ack-synthesis" name="synthesis" rows={3} value={synthesis} aria-describedby="ack-synthesis-count" onChange={(e) => setSynthesis(e.target.value)} />
        <span id="ack-synthesis-count" className={over > 0 ? 'counter field-error' : 'counter'}>
          {over > 0 ? t('handoff.counter.over', { over, max: NOTE_LIMITS.synthesis }) : t('handoff.counter.count', { count: synthesis.trim().length, max: NOTE_LIMITS.synthesis })}
        </span>
      </div>
    </ConfirmDialog>
  );
}
