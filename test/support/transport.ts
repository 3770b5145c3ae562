import type { Core } from '../../electron/core/app';
import { sqlRows } from './db';

/**
 * Appointments and providers for transport tests, written under the data layer: the appointments
 * area's own methods are not on this branch yet, and transport only reads these rows.
 */
export async function addProvider(core: Core, p: { name: string; locationName?: string; address?: string; phone?: string }): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z';
  const rows = await sqlRows<{ id: number }>(
    core,
    'INSERT INTO appointment_providers (name, location_name, address, phone, active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING id',
    [p.name, p.locationName ?? null, p.address ?? null, p.phone ?? null, core.engine.kind === 'sqlite' ? 1 : true, at, at],
  );
  return Number(rows[0]!.id);
}

export interface AppointmentSeed {
  residentId: number;
  startAt: string;
  endAt: string;
  providerId?: number | null;
  setting?: 'external' | 'in_house';
  status?: string;
  type?: string;
}

export async function addAppointment(core: Core, a: AppointmentSeed): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z';
  const rows = await sqlRows<{ id: number }>(
    core,
    `INSERT INTO appointments (resident_id, type, setting, provider_id, start_at, end_at, start_local, end_local, status, status_at, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
    [a.residentId, a.type ?? 'dialysis', a.setting ?? 'external', a.providerId ?? null, a.startAt, a.endAt, a.startAt.slice(0, 16), a.endAt.slice(0, 16), a.status ?? 'scheduled', at, at, at],
  );
  return Number(rows[0]!.id);
}

/** Moves or cancels an appointment the way the appointments area would (its row version moves on). */
export async function changeAppointment(core: Core, id: number, change: { startAt?: string; endAt?: string; status?: string }): Promise<void> {
  if (change.startAt) await sqlRows(core, 'UPDATE appointments SET start_at = ?, end_at = ?, version = version + 1 WHERE id = ? RETURNING id', [change.startAt, change.endAt ?? change.startAt, id]);
  if (change.status) await sqlRows(core, 'UPDATE appointments SET status = ?, version = version + 1 WHERE id = ? RETURNING id', [change.status, id]);
}
