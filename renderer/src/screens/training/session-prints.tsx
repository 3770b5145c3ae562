import type { ReactElement } from 'react';
import type { SessionCandidate } from '../../../../shared/contract/training';
import { ok, type Result } from '../../../../shared/result';
import { useTranslation } from '../../i18n';
import { PrintDocument, PrintTable, displayDate, type PrintColumn } from '../../print';
import type { PrintContext } from './prints';

/**
 * The blank sign-in sheet of an in-service class, on the print kit (docs/printing.md): the people listed
 * for ticking, in the same order, each with a line to sign, and blank lines for anyone not listed, so
 * attendance is entered from the sheet straight down the list. Staff records: the staff notice.
 */

export interface SheetClass {
  courseName: string;
  heldOn: string;
  hours: string;
  instructor: string;
  location: string;
}

/** Lines left blank at the end for people not on the list. */
const WALK_IN_LINES = 8;

type SheetRow = { n: number; person: SessionCandidate | null };

export function loadSignInSheet(session: SheetClass, people: readonly SessionCandidate[], ctx: PrintContext): Promise<Result<ReactElement>> {
  return Promise.resolve(ok(<SignInSheet session={session} people={people} ctx={ctx} />));
}

function SignInSheet({ session, people, ctx }: { session: SheetClass; people: readonly SessionCandidate[]; ctx: PrintContext }) {
  const { t, i18n } = useTranslation();
  const { facility } = ctx;
  const blank = '______';
  // Every page names the class (the margin boxes); the rest of its details print once, above the list.
  const context = t('training.sessions.sheetHeader', { facility: facility.name, course: session.courseName, date: displayDate(session.heldOn, i18n.language) });
  const details = [
    t('training.sessions.sheetHours', { hours: session.hours.trim() || blank }),
    t('training.sessions.sheetInstructor', { name: session.instructor.trim() || blank }),
    session.location.trim() ? t('training.sessions.sheetLocation', { place: session.location.trim() }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const rows: SheetRow[] = [...people.map((person, i) => ({ n: i + 1, person })), ...Array.from({ length: WALK_IN_LINES }, (_, i) => ({ n: people.length + i + 1, person: null }))];
  const columns: PrintColumn<SheetRow>[] = [
    { key: 'n', label: t('training.sessions.sheetNumber'), width: 5, nowrap: true, align: 'end', cell: (r) => r.n },
    {
      key: 'staff',
      label: t('training.matrix.staff'),
      width: 34,
      rowHeader: true,
      cell: (r) =>
        r.person ? (
          <>
            {r.person.name}
            <span className="cd-sub">
              {r.person.employeeId} · {t(`training.roles.${r.person.role}`)}
            </span>
          </>
        ) : (
          <>
            {t('training.sessions.sheetWalkIn')}
            {/* A second, empty line: room to write a name and number by hand. */}
            <span className="cd-sub">{'\u00a0'}</span>
          </>
        ),
    },
    { key: 'unit', label: t('training.filters.unit'), width: 16, cell: (r) => (r.person ? (r.person.unitName ?? t('training.filters.noUnit')) : '') },
    { key: 'timeIn', label: t('training.sessions.sheetTimeIn'), width: 11, cell: () => '' },
    { key: 'signature', label: t('training.sessions.sheetSignature'), width: 34, cell: () => '' },
  ];
  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="portrait"
      notice="staff"
      title={t('training.sessions.sheetTitle')}
      context={context}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
      fontPt={10}
    >
      <p>
        <strong>{details}</strong>
      </p>
      <p>{t('training.sessions.sheetInstructions')}</p>
      <PrintTable
        id="sign-in"
        columns={columns}
        rows={rows}
        rowKey={(r) => String(r.n)}
        rowLabel={(r) => (r.person ? `${r.person.name} (${r.person.employeeId})` : String(r.n))}
      />
      <section className="cd-print-section">
        <p>{t('training.sessions.sheetInstructorSigns')} ____________________________________</p>
      </section>
    </PrintDocument>
  );
}
