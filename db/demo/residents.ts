import type { ContactInput, ResidentFields } from '../../shared/contract/residents';
import { calendarDateIn } from '../../shared/domain/dates';
import {
  codeStatuses,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  type AllergySeverity,
  type IsolationPrecaution,
  type MobilityAid,
  type RiskLevel,
  type TransferAssist,
} from '../../shared/domain/residents/vocabulary';
import type { Queries } from '../queries';
import { familyNames, givenNamesOf, nicknames } from './names';
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

/**
 * Reactions by the severity they are recorded with, so a demo allergy is one a nurse would write:
 * anaphylaxis is severe, never "severity unknown"; an unknown severity has no reaction on record
 * ("per family"). Exported for the test that holds the demo to it.
 */
export const DEMO_REACTIONS: Readonly<Record<AllergySeverity, readonly string[]>> = {
  severe: ['Anaphylaxis', 'Throat swelling', 'Angioedema'],
  moderate: ['Hives', 'Swelling', 'Wheezing'],
  mild: ['Rash', 'Nausea', 'Itching'],
  unknown: [''],
};

/**
 * The mobility aid that goes with each transfer, weighted: a mechanical lift or a two-person transfer
 * means a wheelchair (or a stretcher), a stretcher means a lift, and someone who walks with no aid
 * transfers on their own or with stand-by help. The transport mode is then the rule's (transport/mode.ts).
 */
const AIDS_FOR: Readonly<Record<TransferAssist, readonly (readonly [MobilityAid, number])[]>> = {
  independent: [['none', 4], ['cane', 2], ['walker', 2]],
  standby: [['none', 1], ['cane', 2], ['walker', 4], ['wheelchair', 1]],
  one_person: [['walker', 3], ['wheelchair', 3]],
  two_person: [['wheelchair', 1]],
  mechanical_lift: [['wheelchair', 5], ['stretcher', 1]],
};

/** Days after admission within which the admission assessments may still be pending. */
export const DEMO_ASSESSMENT_DAYS = 3;
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

const TWIN_SEX: readonly ('female' | 'male')[] = ['male', 'male', 'female', 'female', 'female', 'male'];

function person(r: Random, n: number | null, today: string): Pick<ResidentFields, 'legalGiven' | 'legalFamily' | 'dateOfBirth' | 'preferredName' | 'sex'> {
  const twin = n === null ? undefined : TWINS[n];
  const age = r.int(62, 101);
  const dob = twin?.[2] ?? addDays(today, -Math.round(age * 365.25) - r.int(0, 364));
  // Sex first, then a given name usually given to that sex: the record agrees with itself.
  const sex = twin ? TWIN_SEX[n!]! : r.chance(0.62) ? 'female' : 'male';
  const given = twin?.[0] ?? r.pick(givenNamesOf(sex));
  const nickname = nicknames[given as keyof typeof nicknames];
  return {
    legalGiven: given,
    legalFamily: twin?.[1] ?? r.pick(familyNames),
    dateOfBirth: dob,
    preferredName: nickname && r.chance(0.4) ? nickname : null,
    sex,
  };
}

/** A relative of the right sex for the word: a daughter is never called Harold. */
function relative(r: Random, family: string, choices: readonly (readonly [string, 'female' | 'male'])[]): { name: string; relationship: string } {
  const [relationship, sex] = r.pick(choices);
  return { name: `${r.pick(givenNamesOf(sex))} ${family}`, relationship };
}

/**
 * The record as nursing keeps it. `pending`: admitted in the last few days, some admission
 * assessments (and maybe the allergy history) not recorded yet — shown as "Not assessed", which is
 * what a fresh admission looks like. `memoryCare`: wandering risk is why they are on that unit.
 */
function clinical(r: Random, today: string, o: { pending: boolean; memoryCare: boolean }): Omit<ResidentFields, 'legalGiven' | 'legalFamily' | 'dateOfBirth' | 'preferredName' | 'sex' | 'recordNumber'> {
  const transfer = weighted<TransferAssist>(r, [['independent', 3], ['standby', 3], ['one_person', 3], ['two_person', 1.5], ['mechanical_lift', 0.8]]);
  const aid = weighted<MobilityAid>(r, AIDS_FOR[transfer]);
  const allergyRoll = r.next();
  const allergies: ResidentFields['allergies'] =
    o.pending && allergyRoll < 0.5
      ? { state: 'not_recorded' }
      : allergyRoll < 0.5
        ? { state: 'nka', recordedOn: addDays(today, -r.int(1, 900)) }
        : {
            state: 'listed',
            items: Array.from({ length: r.int(1, 3) }, () => {
              const severity = weighted<AllergySeverity>(r, [['mild', 3], ['moderate', 3], ['severe', 1.5], ['unknown', 1]]);
              return { substance: r.pick(SUBSTANCES), reaction: r.pick(DEMO_REACTIONS[severity]), severity };
            }).filter((item, i, all) => all.findIndex((x) => x.substance === item.substance) === i),
          };
  const language = r.chance(0.18) ? r.pick(LANGUAGES) : 'English';
  const contacts: ContactInput[] = [];
  const family = r.pick(familyNames);
  const proxy = relative(r, family, [['Daughter', 'female'], ['Son', 'male'], ['Niece', 'female'], ['Nephew', 'male'], ['Wife', 'female'], ['Husband', 'male']]);
  contacts.push({ role: 'healthcare_proxy', ...proxy, phone: `555-01${r.int(10, 99)}`, altPhone: null, emergencyOrder: 1, note: null });
  if (r.chance(0.6)) {
    const other = relative(r, family, [['Son', 'male'], ['Grandson', 'male'], ['Granddaughter', 'female'], ['Sister', 'female'], ['Brother', 'male']]);
    contacts.push({ role: 'family', ...other, phone: `555-02${r.int(10, 99)}`, altPhone: null, emergencyOrder: 2, note: null });
  }
  const codeStatus = weighted(r, codeStatuses.map((c, i) => [c, [5, 3, 2, 1][i] ?? 1] as const));
  // A fresh admission: each assessment may still be pending (null), never defaulted.
  const assessed = <T>(value: T): T | null => (o.pending && r.chance(0.5) ? null : value);
  return {
    codeStatus,
    codeStatusForm: codeStatus === 'full_code' ? null : r.pick(['polst', 'molst', 'facility_form'] as const),
    codeStatusDocumentedOn: codeStatus === 'full_code' ? null : addDays(today, -r.int(5, 700)),
    allergies,
    dietType: assessed(weighted(r, dietTypes.map((d, i) => [d, i === 0 ? 8 : 1] as const))),
    dietNote: null,
    iddsiFood: assessed(weighted(r, iddsiFoodLevels.map((l, i) => [l, [10, 3, 2, 1.5, 0.3][i] ?? 1] as const))),
    iddsiDrink: assessed(weighted(r, iddsiDrinkLevels.map((l, i) => [l, [10, 1.5, 2, 1, 0.3][i] ?? 1] as const))),
    transfer: assessed(transfer),
    aid: assessed(aid),
    bariatric: assessed(r.chance(0.04)),
    fallRisk: assessed(weighted<RiskLevel>(r, aid === 'none' ? [['low', 5], ['moderate', 2], ['high', 1]] : [['low', 2], ['moderate', 3], ['high', 3]])),
    wanderingRisk: assessed(weighted<RiskLevel>(r, o.memoryCare ? [['moderate', 1], ['high', 2]] : [['low', 7], ['moderate', 1.5], ['high', 0.5]])),
    isolation: assessed(weighted<IsolationPrecaution>(r, [['none', 20], ['contact', 1.5], ['droplet', 0.6], ['airborne', 0.2]])),
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
    const memoryCare = (await q.residents.bedInfo(bedId))?.unitName === 'Memory Care';
    const pending = addDays(admittedOn, DEMO_ASSESSMENT_DAYS) > today;
    const id = await q.residents.admit({ ...who, recordNumber: `MG${String(10001 + n).padStart(6, '0')}`, ...clinical(r, today, { pending, memoryCare }) }, { bedId, admittedOn, at, by });
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
    // The last few came in yesterday or today: their admission assessments are still being done.
    const admittedOn = i >= census - Math.max(2, Math.round(census / 60)) ? addDays(today, -r.int(0, 1)) : addDays(today, -r.int(DEMO_ASSESSMENT_DAYS + 1, 1500));
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
  // A few room changes within the unit, into beds no one has (there are spare beds unless the census
  // fills the house): a move to another unit would be a change of care a demo should not make up.
  const spare = beds.slice(census);
  const unitOf = async (bedId: number) => (await q.residents.bedInfo(bedId))?.unitId;
  for (let moves = 0; moves < Math.round(census / 20) && spare.length > 0; moves++) {
    const id = ids[past + r.int(0, census - 1)]!;
    const open = await q.residents.openBedAssignment(id);
    if (!open) continue;
    const date = addDays(open.from, 1);
    if (date > today) continue;
    const unit = await unitOf(open.bedId);
    let to = 0;
    while (to < spare.length && (await unitOf(spare[to]!)) !== unit) to++;
    if (to === spare.length) continue;
    const [bedId] = spare.splice(to, 1);
    await q.residents.moveBed(id, { bedId: bedId!, date, reason: 'transfer', note: 'Room change', at, by });
  }
  return { residentIds: ids };
}
