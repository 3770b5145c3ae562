import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allergySeverities,
  codeStatuses,
  codeStatusForms,
  contactRoles,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  iddsiNumber,
  isOneOf,
  isolationPrecautions,
  mobilityAids,
  residentStatuses,
  riskLevels,
  sexes,
  transferAssists,
  transportModeFor,
  transportModes,
} from '../../../../shared/domain/residents/vocabulary';

describe('vocabulary', () => {
  it('has the documented values', () => {
    expect(residentStatuses).toEqual(['active', 'hospital', 'leave', 'discharged', 'deceased']);
    expect(codeStatuses).toEqual(['full_code', 'dnr', 'dnr_dni', 'comfort_care']);
    expect(codeStatusForms).toEqual(['polst', 'molst', 'facility_form', 'other']);
    expect(sexes).toEqual(['female', 'male', 'other', 'unknown']);
    expect(allergySeverities).toEqual(['mild', 'moderate', 'severe', 'unknown']);
    expect(dietTypes).toContain('low_sodium');
    expect(iddsiFoodLevels).toEqual(['regular_7', 'soft_bite_sized_6', 'minced_moist_5', 'pureed_4', 'liquidised_3']);
    expect(iddsiDrinkLevels).toEqual([
      'thin_0',
      'slightly_thick_1',
      'mildly_thick_2',
      'moderately_thick_3',
      'extremely_thick_4',
    ]);
    expect(transferAssists).toEqual(['independent', 'standby', 'one_person', 'two_person', 'mechanical_lift']);
    expect(mobilityAids).toEqual(['none', 'cane', 'walker', 'wheelchair', 'stretcher']);
    expect(riskLevels).toEqual(['low', 'moderate', 'high']);
    expect(isolationPrecautions).toEqual(['none', 'contact', 'droplet', 'airborne']);
    expect(transportModes).toEqual(['ambulatory', 'wheelchair', 'stretcher', 'bariatric']);
    expect(contactRoles).toEqual(['family', 'healthcare_proxy', 'poa', 'emergency', 'physician', 'pharmacy', 'other']);
  });

  it('has no duplicate values in any list', () => {
    for (const list of [residentStatuses, codeStatuses, dietTypes, iddsiFoodLevels, iddsiDrinkLevels, contactRoles]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('reads the IDDSI number from the key', () => {
    expect(iddsiFoodLevels.map(iddsiNumber)).toEqual([7, 6, 5, 4, 3]);
    expect(iddsiDrinkLevels.map(iddsiNumber)).toEqual([0, 1, 2, 3, 4]);
  });

  it('isOneOf narrows only known values', () => {
    expect(isOneOf(residentStatuses, 'active')).toBe(true);
    expect(isOneOf(residentStatuses, 'Active')).toBe(false);
    expect(isOneOf(residentStatuses, undefined)).toBe(false);
    expect(isOneOf(residentStatuses, 1)).toBe(false);
  });
});

describe('transportModeFor', () => {
  it('stretcher aid always needs a stretcher', () => {
    expect(transportModeFor({ aid: 'stretcher', transfer: 'independent', bariatric: false })).toBe('stretcher');
    expect(transportModeFor({ aid: 'stretcher', transfer: 'mechanical_lift', bariatric: true })).toBe('stretcher');
  });

  it('wheelchair aid or a mechanical lift transfer needs a wheelchair van', () => {
    expect(transportModeFor({ aid: 'wheelchair', transfer: 'one_person', bariatric: false })).toBe('wheelchair');
    expect(transportModeFor({ aid: 'walker', transfer: 'mechanical_lift', bariatric: false })).toBe('wheelchair');
    expect(transportModeFor({ aid: 'none', transfer: 'mechanical_lift', bariatric: false })).toBe('wheelchair');
    // Precedence as specified: wheelchair wins over the bariatric flag.
    expect(transportModeFor({ aid: 'wheelchair', transfer: 'two_person', bariatric: true })).toBe('wheelchair');
  });

  it('a two-person transfer rides a wheelchair position, never a car seat', () => {
    // Issue 8: the demo showed "Transport: Ambulatory" for a 2-person-assist resident; a driver alone
    // cannot do a two-person transfer at the clinic door.
    expect(transportModeFor({ aid: 'walker', transfer: 'two_person', bariatric: false })).toBe('wheelchair');
    expect(transportModeFor({ aid: 'walker', transfer: 'two_person', bariatric: true })).toBe('wheelchair');
  });

  it('bariatric flag picks bariatric for otherwise seated transport', () => {
    expect(transportModeFor({ aid: 'walker', transfer: 'one_person', bariatric: true })).toBe('bariatric');
    expect(transportModeFor({ aid: 'none', transfer: 'independent', bariatric: true })).toBe('bariatric');
  });

  it('otherwise ambulatory', () => {
    expect(transportModeFor({ aid: 'none', transfer: 'independent', bariatric: false })).toBe('ambulatory');
    expect(transportModeFor({ aid: 'cane', transfer: 'standby', bariatric: false })).toBe('ambulatory');
    expect(transportModeFor({ aid: 'walker', transfer: 'one_person', bariatric: false })).toBe('ambulatory');
  });

  it('always returns a known mode, and stretcher only for stretcher aid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...mobilityAids),
        fc.constantFrom(...transferAssists),
        fc.boolean(),
        (aid, transfer, bariatric) => {
          const mode = transportModeFor({ aid, transfer, bariatric });
          expect(transportModes).toContain(mode);
          expect(mode === 'stretcher').toBe(aid === 'stretcher');
        },
      ),
    );
  });

  it('is null — the booking screen asks — while any mobility fact is not assessed, never a guess', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...mobilityAids), { nil: null }),
        fc.option(fc.constantFrom(...transferAssists), { nil: null }),
        fc.option(fc.boolean(), { nil: null }),
        (aid, transfer, bariatric) => {
          const mode = transportModeFor({ aid, transfer, bariatric });
          expect(mode === null).toBe(aid === null || transfer === null || bariatric === null);
        },
      ),
    );
  });
});
