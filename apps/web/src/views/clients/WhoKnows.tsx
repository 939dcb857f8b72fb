// Who knows the client: the caregivers who visited them and how often, as the API counts them for
// the next roster (planned, checked in, and visits from before this system).
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { shortDay } from '../../lib/format';
import { useContinuity } from './clients-api';

export function WhoKnows({ clientId, name }: { clientId: string; name: string }) {
  const continuity = useContinuity(clientId);
  return (
    <section aria-labelledby="who-knows-title" className="client-section">
      <h2 id="who-knows-title">{t('whoKnows.title', { name })}</h2>
      {continuity.isPending ? (
        <Loading />
      ) : continuity.error ? (
        <ProblemMessage error={continuity.error} onRetry={() => void continuity.refetch()} />
      ) : continuity.data.caregivers.length === 0 ? (
        <p>{t('whoKnows.none')}</p>
      ) : (
        <>
          <p className="hint-line">
            {t('whoKnows.intro', {
              weeks: continuity.data.windowWeeks,
              count: continuity.data.distinctCaregiversLast4Weeks,
            })}
          </p>
          <table aria-labelledby="who-knows-title" className="who-knows">
            <thead>
              <tr>
                <th scope="col">{t('whoKnows.caregiver')}</th>
                <th scope="col" className="number">
                  {t('whoKnows.published')}
                </th>
                <th scope="col" className="number">
                  {t('whoKnows.checkedIn')}
                </th>
                <th scope="col" className="number">
                  {t('whoKnows.imported')}
                </th>
                <th scope="col">{t('whoKnows.last')}</th>
              </tr>
            </thead>
            <tbody>
              {continuity.data.caregivers.map((caregiver) => (
                <tr key={caregiver.caregiverId}>
                  <th scope="row">{`${caregiver.firstName} ${caregiver.lastName}`.trim()}</th>
                  <td className="number">{caregiver.publishedVisits}</td>
                  <td className="number">{caregiver.checkedInVisits}</td>
                  <td className="number">{caregiver.importedVisits}</td>
                  <td>{caregiver.lastVisitDate ? shortDay(caregiver.lastVisitDate) : t('whoKnows.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
