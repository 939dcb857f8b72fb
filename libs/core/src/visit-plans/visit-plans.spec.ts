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
        'en',
      ),
    ).toBe('New caregiver: Anna instead of Bram');
  });

  it('says a visit moved, in the local time of the team', () => {
    expect(
      changeNote(
        change({ caregiverIds: ['anna'], start: '07:00' }, { caregiverIds: ['anna'], start: '07:30' }),
        names,
        'Europe/Amsterdam',
        'en',
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
        'en',
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
        'en',
      ),
    ).toBe('Also coming: Bram');
  });

  it('notes a visit new in the plan, and nothing for one that did not change or is gone', () => {
    expect(changeNote(change(null, { caregiverIds: ['anna'], start: '07:00' }), names, 'UTC', 'en')).toBe(
      'New in the plan',
    );
    expect(
      changeNote(change({ caregiverIds: ['anna'], start: '07:00' }, null), names, 'UTC', 'en'),
    ).toBeNull();
    expect(
      changeNote(
        change({ caregiverIds: ['anna'], start: '07:00' }, { caregiverIds: ['anna'], start: '07:00' }),
        names,
        'UTC',
        'en',
      ),
    ).toBeNull();
  });

  it('speaks Dutch by default, with the date when a visit moved to another day, never an ISO date', () => {
    expect(
      changeNote(
        change(
          { caregiverIds: ['anna', 'bram'], start: '07:00' },
          { caregiverIds: ['anna', 'cees'], start: '08:00' },
        ),
        names,
        'Europe/Amsterdam',
      ),
    ).toBe('Nieuwe zorgverlener: Cees in plaats van Bram; Verplaatst van 08:00 naar 09:00');
    expect(changeNote(change(null, { caregiverIds: ['anna'], start: '07:00' }), names, 'UTC', 'nl')).toBe(
      'Nieuw in de planning',
    );
    const nextDay = {
      ...change({ caregiverIds: ['anna'], start: '07:00' }, null),
      after: {
        caregiverIds: ['bram'],
        plannedStart: '2026-11-24T17:15:00.000Z',
        plannedEnd: '2026-11-24T18:00:00.000Z',
      },
    };
    expect(changeNote(nextDay, names, 'Europe/Amsterdam', 'nl')).toBe(
      'Nieuwe zorgverlener: Bram in plaats van Anna; Verplaatst van ma 23 nov 08:00 naar di 24 nov 18:15',
    );
    expect(changeNote(nextDay, names, 'Europe/Amsterdam', 'en')).toBe(
      'New caregiver: Bram instead of Anna; Moved from Mon 23 Nov 08:00 to Tue 24 Nov 18:15',
    );
    expect(listNames(['Anna', 'Bram', 'Cees'], 'nl')).toBe('Anna, Bram en Cees');
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
