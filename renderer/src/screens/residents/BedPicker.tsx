import { useEffect, useState } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { FreeBed } from '../../../../shared/contract/residents';
import { call } from '../../api/client';
import { SelectInput } from '../../components/fields';
import { useTranslation } from '../../i18n';

/** Unit, then one of its free beds: an admission or a move can only pick a bed nobody is in. */
export function BedPicker(p: {
  facility: Facility | null;
  unitId: number | null;
  bedId: number | null;
  onChange(unitId: number | null, bedId: number | null): void;
  unitError?: string | undefined;
  bedError?: string | undefined;
  bedLabel?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [free, setFree] = useState<FreeBed[]>([]);
  const { unitId, bedId, onChange } = p;
  useEffect(() => {
    if (unitId === null) return;
    let live = true;
    void call('residents.freeBeds', { unitId }).then((r) => {
      if (!live || !r.ok) return;
      setFree(r.value);
      if (bedId === null || !r.value.some((b) => b.bedId === bedId)) onChange(unitId, r.value[0]?.bedId ?? null);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when the unit changes, not when a bed is picked
  }, [unitId]);
  const units = (p.facility?.units ?? []).filter((u) => u.active);
  return (
    <div className="row">
      <SelectInput
        label={t('residents.field.unitId')}
        name="unitId"
        value={unitId === null ? '' : String(unitId)}
        onChange={(v) => onChange(v === '' ? null : Number(v), null)}
        options={[{ value: '', label: '—' }, ...units.map((u) => ({ value: String(u.id), label: u.name }))]}
        error={p.unitError}
        required={p.required}
      />
      <SelectInput
        label={p.bedLabel ?? t('residents.dialog.freeBed')}
        name="bedId"
        value={bedId === null ? '' : String(bedId)}
        onChange={(v) => onChange(unitId, v === '' ? null : Number(v))}
        options={free.length === 0 ? [{ value: '', label: t('residents.dialog.noFreeBeds') }] : free.map((b) => ({ value: String(b.bedId), label: `${b.roomLabel}-${b.bedLabel}` }))}
        error={p.bedError}
        required={p.required}
      />
    </div>
  );
}
