import { useCallback, useEffect, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import { nextShift, previousShift, shiftAt, type ShiftRef } from '../../../../shared/domain/handoff/shifts';
import { SHEET_DAYS } from '../../../../shared/domain/handoff/vocabulary';
import { addDays, calendarDateIn, isIsoDate } from '../../../../shared/domain/dates';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { useHashTab } from '../../app/useHashTab';
import { DateField } from '../../components/DateField';
import { SelectInput } from '../../components/fields';
import { shiftName, useTranslation } from '../../i18n';
import { NotesPanel } from './NotesPanel';
import { SheetPanel } from './SheetPanel';

const TABS = ['notes', 'sheet'] as const;
type HandoffTab = (typeof TABS)[number];

export interface Selection {
  unitId: number;
  date: string;
  shiftId: number;
}

/** `#/handoff/<tab>/<unit>/<date>/<shift>`: a link (from the Today board) opens one unit's sheet of one shift. */
function selectionFromHash(): Partial<Selection> {
  const [, , unit, date, shift] = window.location.hash.replace(/^#\/?/, '').split('/');
  return {
    ...(unit && /^\d+$/.test(unit) ? { unitId: Number(unit) } : {}),
    ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    ...(shift && /^\d+$/.test(shift) ? { shiftId: Number(shift) } : {}),
  };
}

const unitKey = (userId: number) => `caredesk.handoff.unit.${userId}`;

export function handoffHref(tab: HandoffTab, s: Selection): string {
  return `#/handoff/${tab}/${s.unitId}/${s.date}/${s.shiftId}`;
}

/**
 * The Handoff area: write the notes of a unit for a shift (fast, by keyboard, saved as you type),
 * and read, print and acknowledge the sheet. Unit, date and shift are chosen once for both tabs and
 * start at the shift being worked now.
 */
export function HandoffScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [facility, setFacility] = useState<Facility | null>(null);
  const [tab, setTab] = useHashTab<HandoffTab>('handoff', TABS, 'notes');
  const [selection, setSelection] = useState<Selection | null>(null);
  // The date field's own text: a half-typed date is kept as typed, and applied once it is a whole date.
  const [dateText, setDateText] = useState('');

  useEffect(() => {
    void call('facility.get', {}).then((r) => {
      if (!r.ok) return;
      const f = r.value;
      setFacility(f);
      const units = f.units.filter((u) => u.active);
      const fromHash = selectionFromHash();
      const remembered = Number(localStorage.getItem(unitKey(user.id)));
      const now = shiftAt(f.shifts, f.timeZone, new Date());
      const unitId = [fromHash.unitId, remembered].find((id) => units.some((u) => u.id === id)) ?? units[0]?.id;
      if (unitId === undefined || now === null) return;
      const date = fromHash.date ?? now.date;
      setSelection({ unitId, date, shiftId: f.shifts.some((s) => s.id === fromHash.shiftId) ? fromHash.shiftId! : now.shiftId });
      setDateText(date);
    });
  }, [user.id]);

  const choose = useCallback(
    (next: Selection) => {
      setSelection(next);
      setDateText(next.date);
      localStorage.setItem(unitKey(user.id), String(next.unitId));
      // The address follows the choice without a navigation: Back still leaves the area.
      history.replaceState(history.state, '', handoffHref(tab, next));
    },
    [tab, user.id],
  );

  if (!facility) return <p className="loading">{t('app.loading')}</p>;
  if (!selection) return <p className="empty">{t('handoff.noUnits')}</p>;
  const ref: ShiftRef = { shiftId: selection.shiftId, date: selection.date };
  const now = shiftAt(facility.shifts, facility.timeZone, new Date());
  const today = calendarDateIn(new Date(), facility.timeZone);

  return (
    <div className="handoff">
      <div className="toolbar handoff-toolbar" role="group" aria-label={t('handoff.choose')}>
        <SelectInput
          label={t('handoff.unit')}
          name="unitId"
          value={String(selection.unitId)}
          onChange={(v) => choose({ ...selection, unitId: Number(v) })}
          options={facility.units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <DateField
          label={t('handoff.date')}
          name="date"
          value={dateText}
          compact
          bounds={{ min: addDays(today, -SHEET_DAYS.back), max: addDays(today, SHEET_DAYS.ahead) }}
          onChange={(v) => {
            setDateText(v);
            if (isIsoDate(v) && v >= addDays(today, -SHEET_DAYS.back) && v <= addDays(today, SHEET_DAYS.ahead)) choose({ ...selection, date: v });
          }}
        />
        <SelectInput
          label={t('handoff.shift')}
          name="shiftId"
          value={String(selection.shiftId)}
          onChange={(v) => choose({ ...selection, shiftId: Number(v) })}
          options={facility.shifts.map((s) => ({ value: String(s.id), label: t('handoff.shiftLabel', { name: shiftName(s.name), start: s.start, end: s.end }) }))}
        />
        <Button className="small" onPress={() => choose({ ...selection, ...previousShift(facility.shifts, ref) })}>
          {t('handoff.previousShift')}
        </Button>
        {now ? (
          <Button className="small" onPress={() => choose({ ...selection, ...now })}>
            {t('handoff.currentShift')}
          </Button>
        ) : null}
        <Button className="small" onPress={() => choose({ ...selection, ...nextShift(facility.shifts, ref) })}>
          {t('handoff.nextShift')}
        </Button>
      </div>
      <Tabs selectedKey={tab} onSelectionChange={(k) => setTab(k as HandoffTab)}>
        <TabList aria-label={t('nav.handoff')}>
          <Tab id="notes">{t('handoff.tabs.notes')}</Tab>
          <Tab id="sheet">{t('handoff.tabs.sheet')}</Tab>
        </TabList>
        <TabPanel id="notes">
          <NotesPanel key={`${selection.unitId}/${selection.date}/${selection.shiftId}`} facility={facility} selection={selection} />
        </TabPanel>
        <TabPanel id="sheet">
          <SheetPanel key={`${selection.unitId}/${selection.date}/${selection.shiftId}`} facility={facility} selection={selection} />
        </TabPanel>
      </Tabs>
    </div>
  );
}
