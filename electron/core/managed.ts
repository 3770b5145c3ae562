import type { Queries } from '../../db/queries';
import { applyManaged, type FacilitySettings, type ManagedSettings, managedFacilityFields } from '../../shared/policy/view';

/**
 * The administrator's policy over the facility's own settings, at the one place every rule
 * reads them: q.facility. Reads see the policy's values (the idle lock, "today" in the right
 * zone, the paper size, the facility screen); an update keeps the facility's own value of a
 * managed field, so removing the policy later brings back what the facility had chosen.
 * (The dispatcher's per-call session check reads the zone and lock time with the session and
 * applies the same policy there.)
 */
export function withManagedSettings(q: Queries, managed: ManagedSettings): Queries {
  const fields = managedFacilityFields(managed);
  if (fields.length === 0) return q;
  const raw = q.facility;
  const facility: Queries['facility'] = {
    ...raw,
    async get() {
      const f = await raw.get();
      return f && applyManaged(f, managed);
    },
    async update(f) {
      const own = await raw.get();
      const kept: Partial<FacilitySettings> = {};
      if (own) for (const field of fields) Object.assign(kept, { [field]: own[field] });
      await raw.update({ ...f, ...kept });
    },
  };
  return { ...q, facility };
}
