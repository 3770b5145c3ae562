import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mobilityAids, transferAssists, transportModeFor } from '../../../../shared/domain/residents/vocabulary';
import { decideMode, proposeMode, summaryOf } from '../../../../shared/domain/transport/mode';
import type { MobilityFacts } from '../../../../shared/domain/transport/mode';
import { BASE_MODES, modesOf } from '../../../../shared/domain/transport/vocabulary';
import type { TransportNeed } from '../../../../shared/domain/transport/vocabulary';

const need = (base: TransportNeed['base'], bariatric = false, oxygen = false): TransportNeed => ({ base, bariatric, oxygen });
const assessed = (aid: MobilityFacts['aid'], transfer: MobilityFacts['transfer'], bariatric: boolean | null = false): MobilityFacts => ({ aid, transfer, bariatric });

describe('proposeMode', () => {
  it('asks for the mode when any mobility fact is not assessed, naming which', () => {
    expect(proposeMode(assessed(null, 'independent'), { oxygen: false })).toEqual({ kind: 'ask', notAssessed: ['aid'] });
    expect(proposeMode(assessed('walker', null), { oxygen: false })).toEqual({ kind: 'ask', notAssessed: ['transfer'] });
    expect(proposeMode(assessed('none', 'independent', null), { oxygen: true })).toEqual({ kind: 'ask', notAssessed: ['bariatric'] });
    expect(proposeMode(assessed(null, null, null), { oxygen: false })).toEqual({ kind: 'ask', notAssessed: ['aid', 'transfer', 'bariatric'] });
  });

  it('never guesses, even when the known facts would decide (stretcher aid, transfer unknown)', () => {
    expect(proposeMode(assessed('stretcher', null), { oxygen: false }).kind).toBe('ask');
  });

  it('stretcher aid needs a stretcher whatever else is true', () => {
    expect(proposeMode(assessed('stretcher', 'independent'), { oxygen: false })).toEqual({ kind: 'proposed', need: need('stretcher'), because: ['aid_stretcher'] });
    const p = proposeMode(assessed('stretcher', 'mechanical_lift', true), { oxygen: true });
    expect(p.kind === 'proposed' && p.need).toEqual(need('stretcher', true, true));
  });

  it('wheelchair aid, a mechanical lift or a two-person transfer rides a wheelchair position', () => {
    for (const [aid, transfer, reason] of [
      ['wheelchair', 'independent', 'aid_wheelchair'],
      ['walker', 'mechanical_lift', 'transfer_mechanical_lift'],
      ['walker', 'two_person', 'transfer_two_person'],
      ['none', 'two_person', 'transfer_two_person'],
    ] as const) {
      const p = proposeMode(assessed(aid, transfer), { oxygen: false });
      expect(p).toEqual({ kind: 'proposed', need: need('wheelchair'), because: [reason] });
    }
  });

  it('everyone else sits; bariatric and oxygen are added on top of the base, never instead of it', () => {
    expect(proposeMode(assessed('cane', 'one_person'), { oxygen: false })).toEqual({ kind: 'proposed', need: need('ambulatory'), because: ['walks'] });
    const p = proposeMode(assessed('wheelchair', 'two_person', true), { oxygen: true });
    expect(p).toEqual({ kind: 'proposed', need: need('wheelchair', true, true), because: ['aid_wheelchair', 'transfer_two_person', 'bariatric', 'oxygen'] });
    expect(p.kind === 'proposed' && modesOf(p.need)).toEqual(['wheelchair', 'bariatric', 'oxygen']);
  });

  it('is total over assessed facts and never proposes less than the aid implies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...mobilityAids), fc.constantFrom(...transferAssists), fc.boolean(), fc.boolean(), (aid, transfer, bariatric, oxygen) => {
        const p = proposeMode({ aid, transfer, bariatric }, { oxygen });
        expect(p.kind).toBe('proposed');
        if (p.kind !== 'proposed') return;
        expect(BASE_MODES).toContain(p.need.base);
        expect(p.need.bariatric).toBe(bariatric);
        expect(p.need.oxygen).toBe(oxygen);
        if (aid === 'stretcher') expect(p.need.base).toBe('stretcher');
        if (aid === 'wheelchair') expect(p.need.base).toBe('wheelchair');
        if (transfer === 'two_person' || transfer === 'mechanical_lift') expect(p.need.base).not.toBe('ambulatory');
      }),
    );
  });

  it('the resident record summary is the same rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...mobilityAids), fc.constantFrom(...transferAssists), fc.boolean(), (aid, transfer, bariatric) => {
        const p = proposeMode({ aid, transfer, bariatric }, { oxygen: false });
        expect(p.kind === 'proposed' && summaryOf(p.need)).toBe(transportModeFor({ aid, transfer, bariatric }));
      }),
    );
  });
});

describe('decideMode', () => {
  const proposed = proposeMode(assessed('wheelchair', 'one_person'), { oxygen: false });
  const ask = proposeMode(assessed(null, 'one_person'), { oxygen: false });

  it('takes the proposal when nothing else is chosen', () => {
    expect(decideMode(proposed, null)).toEqual({ ok: true, need: need('wheelchair'), overridden: false, reason: null });
    expect(decideMode(proposed, { need: need('wheelchair'), overrideReason: null })).toEqual({ ok: true, need: need('wheelchair'), overridden: false, reason: null });
  });

  it('an override needs a reason of a few words', () => {
    expect(decideMode(proposed, { need: need('ambulatory'), overrideReason: null })).toEqual({ ok: false, path: 'modeReason', code: 'mode_override_reason_required' });
    expect(decideMode(proposed, { need: need('ambulatory'), overrideReason: '  ok ' })).toEqual({ ok: false, path: 'modeReason', code: 'mode_override_reason_required' });
    expect(decideMode(proposed, { need: need('ambulatory'), overrideReason: ' Walks short distances since PT, per RN Lee ' })).toEqual({
      ok: true,
      need: need('ambulatory'),
      overridden: true,
      reason: 'Walks short distances since PT, per RN Lee',
    });
  });

  it('adding oxygen is an override of the proposal too', () => {
    expect(decideMode(proposed, { need: need('wheelchair', false, true), overrideReason: '' }).ok).toBe(false);
  });

  it('not assessed mobility requires a choice, which is then the decision', () => {
    expect(decideMode(ask, null)).toEqual({ ok: false, path: 'mode', code: 'mode_required' });
    expect(decideMode(ask, { need: need('stretcher'), overrideReason: null })).toEqual({ ok: true, need: need('stretcher'), overridden: false, reason: null });
  });
});
