import { NOTIFICATION_KINDS } from '@homecare/database';
import { LANGUAGES, renderNotification } from './notification-texts';

// Params as the producers write them; any instant and dates will do (nothing reads a calendar).
const PARAMS = {
  period: '2031-03-03/2031-03-09',
  deadline: '2031-03-05T16:00:00.000Z',
  at: '2031-03-04T08:30:00.000Z',
  from: '2031-03-04T06:00:00.000Z',
  to: '2031-03-06T22:00:00.000Z',
  zone: 'Europe/Amsterdam',
  visits: 3,
  unstaffed: 1,
  added: 2,
  moved: 1,
  removed: 0,
  swap: 0,
  planId: 'p',
  visitId: 'v',
  periodKey: '2031-03-03',
  minutes: 15,
  name: 'Anna',
};

describe('notification texts', () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))(
    '%s in %s reads without ISO dates, ids or empty slots, alone and grouped',
    (kind, language) => {
      for (const count of [1, 4]) {
        const text = renderNotification(kind, PARAMS, count, language);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|undefined|NaN|\(\)| {2}/);
        expect(text).not.toContain('planId');
        expect(text).toMatch(/[.]$/);
      }
    },
  );

  it('writes periods and times in the language, 24-hour in Dutch', () => {
    // The spacing around a range's dash differs between ICU versions.
    expect(renderNotification('plan.review-opened', PARAMS, 1, 'nl')).toMatch(
      /^Het rooster van 3\s?–\s?9 maart staat klaar\. Bekijk het en geef je akkoord vóór woensdag 5 maart( om)? 17:00\.$/,
    );
    expect(renderNotification('visit.running-late', PARAMS, 1, 'nl')).toMatch(
      /^Anna is ongeveer 15 minuten later voor het bezoek van dinsdag 4 maart( om)? 09:30\.$/,
    );
    expect(renderNotification('plan.visits-changed', PARAMS, 1, 'en')).toMatch(
      /^Your visits in the roster for 3\s?–\s?9 March have changed: 2 added, 1 moved\.$/,
    );
  });
});
