import type { ContactInput, ResidentFields } from '../../shared/contract/residents';
import { calendarDateIn } from '../../shared/domain/dates';
import {
  codeStatuses,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  type IsolationPrecaution,
  type MobilityAid,
  type RiskLevel,
  type TransferAssist,
} from '../../shared/domain/residents/vocabulary';
import type { Queries } from '../queries';
import { familyNames, givenNames } from './names';
import type { Random } from './random';

export interface DemoResidentsOptions {
  /** Residents on the census now; a further tenth are past residents (discharged or deceased). */
  count: number;
  now: Date;
  timeZone: string;
  bedIds: readonly number[];
  userId: number | null;
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weighted<T>(r: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [value, w] of choices) if ((x -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}

const SUBSTANCES = ['Penicillin', 'Sulfa drugs', 'Latex', 'Shellfish', 'Peanuts', 'Codeine', 'Aspirin', 'Iodine contrast', 'Eggs', 'Morphine'];
const REACTIONS = ['Hives', 'Rash', 'Anaphylaxis', 'Nausea', 'Swelling', ''];
const LANGUAGES = ['Spanish', 'Vietnamese', 'Korean', 'Polish', 'French', 'Mandarin', 'Arabic', 'Yoruba'];

// The first few are the same names on purpose, with different birth dates: every view must tell them apart.
const TWINS: [string, string, string][] = [
  ['José', "O'Brien", '1941-05-12'],
  ['José', "O'Brien", '1947-11-03'],
  ['María', 'García', '1936-02-29'],
  ['María', 'García', '1950-08-17'],
  ['Zoë', 'Nguyễn', '1944-07-01'],
  ['민준', '김', '1939-03-15'],
];

function person(r: Random, n: number | null, today: string): Pick<ResidentFields, 'legalGiven' | 'legalFamily' | 'dateOfBirth' | 'preferredName' | 'sex'> {
  const twin = n === null ? undefined : TWINS[n];
  const age = r.int(62, 101);
  const dob = twin?.[2] ?? addDays(today, -Math.round(age * 365.25) - r.int(0, 364));
  const given = twin?.[0] ?? r.pick(givenNames);
  return {
    legalGiven: given,
    legalFamily: twin?.[1] ?? r.pick(familyNames),
    dateOfBirth: dob,
    preferredName: r.chance(0.15) ? r.pick(['Pepe', 'Peggy', 'Bud', 'Dot', 'Lupe', 'Hal', 'Bea']) : null,
    sex: r.chance(0.62) ? 'female' : 'male',
  };
}

function clinical(r: Random, today: string): Omit<ResidentFields, 'legalGiven' | 'legalFamily' | 'dateOfBirth' | 'preferredName' | 'sex' | 'recordNumber'> {
  const aid = weighted<MobilityAid>(r, [['none', 3], ['cane', 2], ['walker', 4], ['wheelchair', 3], ['stretcher', 0.3]]);
  const transfer = weighted<TransferAssist>(r, [['independent', 3], ['standby', 3], ['one_person', 3], ['two_person', 1.5], ['mechanical_lift', aid === 'stretcher' ? 5 : 0.8]]);
  const allergyRoll = r.next();
  const allergies: ResidentFields['allergies'] =
    allergyRoll < 0.1
      ? { state: 'not_recorded' }
      : allergyRoll < 0.55
        ? { state: 'nka', recordedOn: addDays(today, -r.int(1, 900)) }
        : {
            state: 'listed',
            items: Array.from({ length: r.int(1, 3) }, () => ({
              substance: r.pick(SUBSTANCES),
              reaction: r.pick(REACTIONS),
              severity: weighted(r, [['mild', 3], ['moderate', 3], ['severe', 1.5], ['unknown', 1]] as const),
            })).filter((item, i, all) => all.findIndex((x) => x.substance === item.substance) === i),
          };
  const language = r.chance(0.18) ? r.pick(LANGUAGES) : 'English';
  const contacts: ContactInput[] = [];
  const family = r.pick(familyNames);
  contacts.push({ role: 'healthcare_proxy', name: `${r.pick(givenNames)} ${family}`, relationship: r.pick(['Daughter', 'Son', 'Spouse', 'Niece', 'Friend']), phone: `555-01${r.int(10, 99)}`, altPhone: null, emergencyOrder: 1, note: null });
  if (r.chance(0.6)) contacts.push({ role: 'family', name: `${r.pick(givenNames)} ${family}`, relationship: r.pick(['Son', 'Grandson', 'Sister', 'Brother']), phone: `555-02${r.int(10, 99)}`, altPhone: null, emergencyOrder: 2, note: null });
  const codeStatus = weighted(r, codeStatuses.map((c, i) => [c, [5, 3, 2, 1][i] ?? 1] as const));
  return {
    codeStatus,
    codeStatusForm: codeStatus === 'full_code' ? null : r.pick(['polst', 'molst', 'facility_form'] as const),
    codeStatusDocumentedOn: codeStatus === 'full_code' ? null : addDays(today, -r.int(5, 700)),
    allergies,
    dietType: weighted(r, dietTypes.map((d, i) => [d, i === 0 ? 8 : 1] as const)),
    dietNote: null,
    iddsiFood: weighted(r, iddsiFoodLevels.map((l, i) => [l, [10, 3, 2, 1.5, 0.3][i] ?? 1] as const)),
    iddsiDrink: weighted(r, iddsiDrinkLevels.map((l, i) => [l, [10, 1.5, 2, 1, 0.3][i] ?? 1] as const)),
    transfer,
    aid,
    bariatric: r.chance(0.04),
    fallRisk: weighted<RiskLevel>(r, [['low', 4], ['moderate', 3], ['high', 2]]),
    wanderingRisk: weighted<RiskLevel>(r, [['low', 7], ['moderate', 1.5], ['high', 1]]),
    isolation: weighted<IsolationPrecaution>(r, [['none', 20], ['contact', 1.5], ['droplet', 0.6], ['airborne', 0.2]]),
    hearingAids: r.chance(0.2) ? r.pick(['Left ear', 'Right ear', 'Both ears']) : null,
    visionAids: r.chance(0.45) ? r.pick(['Glasses', 'Reading glasses', 'Magnifier']) : null,
    language,
    interpreterNeeded: language !== 'English' && r.chance(0.6),
    physicianName: r.pick(['Dr. Amara Okafor', 'Dr. Lena Schmidt', 'Dr. Rafael Núñez', 'Dr. Hye-jin Park']),
    physicianPhone: '555-0300',
    pharmacyName: r.pick(['Maple Pharmacy', 'Harbor Drug', 'Farmacia San José']),
    pharmacyPhone: '555-0400',
    contacts,
  };
}

/**
 * Residents with believable records and history: past residents (admitted, discharged or died),
 * then the census, some of whom moved rooms, went to hospital and came back, or are away tonight.
 * Direct query calls inside the caller's transaction, deterministic from `r`.
 */
export async function seedDemoResidents(q: Queries, r: Random, o: DemoResidentsOptions): Promise<{ residentIds: number[] }> {
  const today = calendarDateIn(o.now, o.timeZone);
  const at = o.now.toISOString();
  const by = o.userId;
  const beds = [...o.bedIds];
  // Fisher–Yates with the seeded PRNG, so who sleeps where is reproducible.
  for (let i = beds.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [beds[i], beds[j]] = [beds[j]!, beds[i]!];
  }
  const census = Math.min(o.count, beds.length);
  const past = Math.round(census / 10);
  const ids: number[] = [];
  let n = 0;
  const admit = async (bedId: number, admittedOn: string, twin: number | null) => {
    const who = person(r, twin, today);
    const id = await q.residents.admit({ ...who, recordNumber: `MG${String(10001 + n).padStart(6, '0')}`, ...clinical(r, today) }, { bedId, admittedOn, at, by });
    n++;
    ids.push(id);
    await q.audit.insert({ at, userId: by, method: 'demo.seed', entity: 'resident', entityId: String(id), before: null, after: { ...who, admittedOn } });
    return id;
  };

  // Past residents pass through a bed before tonight's census takes it.
  for (let i = 0; i < past; i++) {
    const bedId = beds[i % Math.max(1, census)];
    if (bedId === undefined) break;
    const admittedOn = addDays(today, -r.int(400, 2000));
    const id = await admit(bedId, admittedOn, null);
    const end = addDays(admittedOn, r.int(20, 380));
    await q.residents.moveBed(id, { bedId: null, date: end, reason: 'transfer', note: null, at, by });
    await q.residents.changeStatus(id, { status: r.chance(0.7) ? 'discharged' : 'deceased', date: end, bedId: null, note: null, at, by });
  }

  for (let i = 0; i < census; i++) {
    const bedId = beds[i]!;
    const admittedOn = addDays(today, -r.int(3, 1500));
    const id = await admit(bedId, admittedOn, i);
    let since = admittedOn;
    const span = Math.max(1, Math.floor((Date.parse(today) - Date.parse(admittedOn)) / 86_400_000));
    // A past hospital stay with the bed held.
    if (span > 30 && r.chance(0.25)) {
      const out = addDays(since, r.int(1, Math.floor(span / 2)));
      const back = addDays(out, r.int(1, 9));
      await q.residents.changeStatus(id, { status: 'hospital', date: out, bedId, note: 'Sent out for evaluation', at, by });
      await q.residents.changeStatus(id, { status: 'active', date: back, bedId, note: null, at, by });
      since = back;
    }
    // Tonight away: in hospital or on leave, bed held.
    const away = r.next();
    if (away < 0.04 || away > 0.985) {
      const date = addDays(today, -r.int(0, 6));
      if (date >= since) await q.residents.changeStatus(id, { status: away < 0.04 ? 'hospital' : 'leave', date, bedId, note: null, at, by });
    }
  }
  // A few moves, swapping into beds no one has (there are spare beds unless the census fills the house).
  for (let i = census; i < beds.length && i < census + Math.round(census / 20); i++) {
    const id = ids[past + r.int(0, census - 1)]!;
    const open = await q.residents.openBedAssignment(id);
    if (!open) continue;
    const date = addDays(open.from, 1);
    if (date > today) continue;
    await q.residents.moveBed(id, { bedId: beds[i]!, date, reason: 'transfer', note: 'Room change', at, by });
  }
  return { residentIds: ids };
}
