import { changeNote, listNames } from './change-notes';
import { visitPlanStatus } from './visit-status';

const names = new Map([
  ['anna', 'Anna'],
  ['bram', 'Bram'],
  ['cees', 'Cees'],
]);
const at = (time: string) => `2026-11-23T${time}:00.000Z`;
const change = (
  before: { caregiverIds: string[]; start: string } | null,
  after: { caregiverIds: string[]; start: string } | null,
) => ({
  visitId: 'v',
  clientId: 'c',
  changedAt: at('06:00'),
  before: before && {
    caregiverIds: before.caregiverIds,
    plannedStart: at(before.start),
    plannedEnd: at('09:00'),
  },
  after: after && {
    caregiverIds: after.caregiverIds,
    plannedStart: at(after.start),
    plannedEnd: at('09:00'),
  },
});

describe('change notes for a family', () => {
  it('names the new caregiver and the one they replace, by first name', () => {
    expect(
      changeNote(
        change({ caregiverIds: ['bram'], start: '07:00' }, { caregiverIds: ['anna'], start: '07:00' }),
        names,
        'Europe/Amsterdam',
      ),
    ).toBe('New caregiver: Anna instead of Bram');
  });

  it('says a visit moved, in the local time of the team', () => {
    expect(
      changeNote(
        change({ caregiverIds: ['anna'], start: '07:00' }, { caregiverIds: ['anna'], start: '07:30' }),
        names,
        'Europe/Amsterdam',
      ),
    ).toBe('Moved from 08:00 to 08:30');
  });

  it('combines both, and handles double-ups', () => {
    expect(
      changeNote(
        change(
          { caregiverIds: ['anna', 'bram'], start: '07:00' },
          { caregiverIds: ['anna', 'cees'], start: '08:00' },
        ),
        names,
        'Europe/Amsterdam',
      ),
    ).toBe('New caregiver: Cees instead of Bram; Moved from 08:00 to 09:00');
    expect(
      changeNote(
        change(
          { caregiverIds: ['anna'], start: '07:00' },
          { caregiverIds: ['anna', 'bram'], start: '07:00' },
        ),
        names,
        'UTC',
      ),
    ).toBe('Also coming: Bram');
  });

  it('notes a visit new in the plan, and nothing for one that did not change or is gone', () => {
    expect(changeNote(change(null, { caregiverIds: ['anna'], start: '07:00' }), names, 'UTC')).toBe(
      'New in the plan',
    );
    expect(changeNote(change({ caregiverIds: ['anna'], start: '07:00' }, null), names, 'UTC')).toBeNull();
    expect(
      changeNote(
        change({ caregiverIds: ['anna'], start: '07:00' }, { caregiverIds: ['anna'], start: '07:00' }),
        names,
        'UTC',
      ),
    ).toBeNull();
  });

  it('lists names in plain words', () => {
    expect(listNames(['Anna'])).toBe('Anna');
    expect(listNames(['Anna', 'Bram'])).toBe('Anna and Bram');
    expect(listNames(['Anna', 'Bram', 'Cees'])).toBe('Anna, Bram and Cees');
  });
});

describe('visit status for a family', () => {
  const base = {
    cancelled: false,
    caregiverIds: ['anna'],
    checkIns: new Map(),
    leftPreviousVisit: new Set<string>(),
  };
  const checkedIn = new Date('2026-11-23T07:00:00Z');

  it('is planned until something happens, cancelled when the visit is', () => {
    expect(visitPlanStatus(base)).toBe('planned');
    expect(visitPlanStatus({ ...base, cancelled: true, leftPreviousVisit: new Set(['anna']) })).toBe(
      'cancelled',
    );
  });

  it('is on the way once the caregiver left their previous visit, or while they are here', () => {
    expect(visitPlanStatus({ ...base, leftPreviousVisit: new Set(['anna']) })).toBe('on-the-way');
    expect(
      visitPlanStatus({
        ...base,
        checkIns: new Map([['anna', { checkedInAt: checkedIn, checkedOutAt: null }]]),
      }),
    ).toBe('on-the-way');
  });

  it('is done when everyone who checked in here checked out', () => {
    const out = new Date('2026-11-23T07:30:00Z');
    expect(
      visitPlanStatus({
        ...base,
        checkIns: new Map([['anna', { checkedInAt: checkedIn, checkedOutAt: out }]]),
      }),
    ).toBe('done');
    expect(
      visitPlanStatus({
        ...base,
        caregiverIds: ['anna', 'bram'],
        checkIns: new Map([
          ['anna', { checkedInAt: checkedIn, checkedOutAt: out }],
          ['bram', { checkedInAt: checkedIn, checkedOutAt: null }],
        ]),
      }),
    ).toBe('on-the-way');
  });
});
