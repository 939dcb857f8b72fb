// The client's wishes about the team's caregivers: preferred ones are planned first where possible,
// an excluded one never (a hard rule of the roster engine). One choice per caregiver, saved at once.
import { useState } from 'react';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t, type MessageKey } from '../../i18n';
import { useTeamCaregivers, useUpdateClient, type Caregiver, type ClientWithHistory } from './clients-api';

type Choice = 'none' | 'preferred' | 'excluded';
const CHOICES: Choice[] = ['none', 'preferred', 'excluded'];
const CHOICE_KEYS: Record<Choice, MessageKey> = {
  none: 'caregiverWishes.choice.none',
  preferred: 'caregiverWishes.choice.preferred',
  excluded: 'caregiverWishes.choice.excluded',
};

const nameOf = (caregiver: Caregiver): string => `${caregiver.firstName} ${caregiver.lastName}`.trim();

function choicesOf(client: ClientWithHistory): Record<string, Choice> {
  const choices: Record<string, Choice> = {};
  for (const id of client.preferredCaregiverIds) choices[id] = 'preferred';
  for (const id of client.excludedCaregiverIds) choices[id] = 'excluded';
  return choices;
}

export function CaregiverWishes({
  client,
  teamId,
  editable,
}: {
  client: ClientWithHistory;
  teamId: string;
  editable: boolean;
}) {
  const caregivers = useTeamCaregivers(teamId);
  const [choices, setChoices] = useState<Record<string, Choice>>(() => choicesOf(client));
  const update = useUpdateClient(client.id);
  const team = caregivers.data?.items ?? [];
  const names = (ids: string[]) =>
    ids
      .map((id) => team.find((caregiver) => caregiver.id === id))
      .filter((caregiver): caregiver is Caregiver => caregiver !== undefined)
      .map(nameOf)
      .join(', ');
  return (
    <section aria-labelledby="wishes-title" className="client-section">
      <h2 id="wishes-title">{t('caregiverWishes.title')}</h2>
      <p className="hint-line">{t('caregiverWishes.intro')}</p>
      {caregivers.isPending ? (
        <Loading />
      ) : caregivers.error ? (
        <ProblemMessage error={caregivers.error} onRetry={() => void caregivers.refetch()} />
      ) : team.length === 0 ? (
        <p>{t('caregiverWishes.none')}</p>
      ) : editable ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = (which: Choice) =>
              team.filter((caregiver) => choices[caregiver.id] === which).map((caregiver) => caregiver.id);
            update.mutate({
              preferredCaregiverIds: chosen('preferred'),
              excludedCaregiverIds: chosen('excluded'),
            });
          }}
        >
          <div className="wish-grid">
            {team.map((caregiver) => (
              <label key={caregiver.id}>
                {nameOf(caregiver)}
                <select
                  value={choices[caregiver.id] ?? 'none'}
                  onChange={(event) =>
                    setChoices((previous) => ({ ...previous, [caregiver.id]: event.target.value as Choice }))
                  }
                >
                  {CHOICES.map((choice) => (
                    <option key={choice} value={choice}>
                      {t(CHOICE_KEYS[choice])}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <ProblemMessage error={update.error} />
          <p role="status" aria-live="polite" className="status-line">
            {update.isSuccess && <span className="success">{t('caregiverWishes.saved')}</span>}
          </p>
          <div className="row">
            <button type="submit" className="primary" disabled={update.isPending}>
              {update.isPending ? t('clients.saving') : t('caregiverWishes.save')}
            </button>
          </div>
        </form>
      ) : client.preferredCaregiverIds.length + client.excludedCaregiverIds.length === 0 ? (
        <p>{t('caregiverWishes.noWishes')}</p>
      ) : (
        <ul>
          {client.preferredCaregiverIds.length > 0 && (
            <li>{t('caregiverWishes.preferred', { names: names(client.preferredCaregiverIds) })}</li>
          )}
          {client.excludedCaregiverIds.length > 0 && (
            <li>{t('caregiverWishes.excluded', { names: names(client.excludedCaregiverIds) })}</li>
          )}
        </ul>
      )}
    </section>
  );
}
