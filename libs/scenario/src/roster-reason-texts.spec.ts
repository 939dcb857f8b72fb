import { ROSTER_REASON_CODES, type RosterReason } from './roster-reasons';
import { renderRosterReason } from './roster-reason-texts';

// A Tuesday morning in Amsterdam (winter time: UTC+1); the texts name it, never its ISO form.
const window = { zone: 'Europe/Amsterdam', from: '2026-12-08T06:30:00.000Z', to: '2026-12-08T08:00:00.000Z' };
const noIsoOrIds = (text: string) => {
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(text).not.toMatch(/T\d\d:\d\d/);
  expect(text).not.toMatch(/cg-|[0-9a-f]{8}-[0-9a-f]{4}/);
  expect(text).not.toMatch(/undefined|NaN|\[object/);
};

const examples: RosterReason[] = [
  { code: 'none-available', params: { ...window, skills: ['wondzorg'] } },
  {
    code: 'fully-booked',
    params: {
      ...window,
      free: ['Anna de Vries'],
      limits: [
        {
          caregiver: 'Anna de Vries',
          breach: { rule: 'max-week', worked: 225, limit: 200, week: '2026-12-07' },
        },
      ],
    },
  },
  {
    code: 'kept-away-by-rule',
    params: {
      zone: 'Europe/Amsterdam',
      caregiver: 'Bram',
      breach: {
        rule: 'rest',
        rest: 510,
        required: 660,
        side: 'after',
        date: '2026-12-07',
        at: '2026-12-07T21:30:00.000Z',
      },
    },
  },
  { code: 'knows-client', params: { count: 7 } },
  {
    code: 'excluded-or-objected',
    params: { ...window, available: ['Anna', 'Bram'], excluded: ['Anna'], objected: ['Bram'] },
  },
  { code: 'no-skill', params: { ...window, skills: ['insuline'], critical: true } },
];

describe('renderRosterReason', () => {
  it('words a window in Dutch with a 24-hour clock and the weekday, and in English', () => {
    expect(renderRosterReason(examples[0], 'nl')).toBe(
      'geen zorgverlener met de vaardigheid wondzorg is beschikbaar op di 8 dec 07:30–09:00',
    );
    expect(renderRosterReason(examples[0], 'en')).toBe(
      'no caregiver with skill wondzorg is available on Tue 8 Dec 07:30–09:00',
    );
  });

  it('names the caregiver and the rule that kept them away, in both languages', () => {
    expect(renderRosterReason(examples[1], 'nl')).toBe(
      'de enige geschikte zorgverlener op di 8 dec 07:30–09:00 zit vol of aan de grens (Anna de Vries zou 3:45 uur werken in de week van ma 7 dec, meer dan de 3:20 uur van het contract)',
    );
    expect(renderRosterReason(examples[2], 'nl')).toBe(
      'niet Bram: zou maar 8:30 uur rust hebben na een laat bezoek op ma 7 dec tot 22:30, minder dan de vereiste 11:00 uur',
    );
    expect(renderRosterReason(examples[2], 'en')).toBe(
      'not Bram: would have 8h30 rest after the late visit on Mon 7 Dec until 22:30, less than the 11h00 required',
    );
  });

  it('says first that a critical visit was left out', () => {
    expect(renderRosterReason(examples[5], 'nl')).toMatch(
      /^onmisbaar bezoek niet ingepland: niemand in het team/,
    );
    expect(renderRosterReason(examples[5], 'en')).toMatch(/^critical visit left out: nobody in the team/);
  });

  it('has words for every code in both languages, without ISO dates or ids', () => {
    const all: RosterReason[] = [
      ...examples,
      ...ROSTER_REASON_CODES.map((code) => ({
        code,
        params: {
          ...window,
          by: 'Cees',
          count: 2,
          minutes: 12,
          needed: 2,
          free: ['Anna'],
          busy: ['Bram'],
          caregiver: 'Dirk',
          breach: { rule: 'max-day' as const, worked: 600, limit: 540, date: '2026-12-08' },
          rule: 'skill',
        },
      })),
    ];
    for (const reason of all)
      for (const language of ['nl', 'en'] as const) {
        const text = renderRosterReason(reason, language);
        expect(text.length).toBeGreaterThan(5);
        noIsoOrIds(text);
      }
    expect(renderRosterReason(examples[3], 'nl')).toBe('kent de cliënt (7 eerdere bezoeken)');
    expect(renderRosterReason(examples[4], 'nl')).not.toBe(renderRosterReason(examples[4], 'en'));
  });
});
