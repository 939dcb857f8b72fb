import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { shortDay } from '../../lib/format';
import { availabilityApi, availabilityKeys } from './availability-api';
import { previewDays, type DayPiece } from './availability-days';
import { addDays, timeOf } from './local-dates';

const DAYS = 14;
const DAY_MINUTES = 24 * 60;

/** The next two weeks as the roster will read them: GET /caregivers/{id}/availability, read-only. */
export function Preview({ caregiverId, today }: { caregiverId: string; today: string }) {
  const to = addDays(today, DAYS - 1);
  const expanded = useQuery({
    queryKey: [...availabilityKeys.all(caregiverId), 'expanded', today, to],
    queryFn: () => availabilityApi.expanded(caregiverId, today, to),
  });
  return (
    <section aria-labelledby="preview-title" className="panel preview">
      <h2 id="preview-title">{t('availability.preview.title')}</h2>
      <p className="hint-line">{t('availability.preview.intro')}</p>
      {expanded.isPending ? (
        <Loading />
      ) : expanded.error ? (
        <ProblemMessage error={expanded.error} onRetry={() => void expanded.refetch()} />
      ) : (
        <ol className="days">
          {previewDays(expanded.data.windows, today, DAYS).map((day) => (
            <li key={day.date} className={day.pieces.length === 0 ? 'day off' : 'day'}>
              <span className="day-name">{shortDay(day.date)}</span>
              <span className="bar" aria-hidden="true">
                {day.pieces.map((piece) => (
                  <span
                    key={`${piece.start}-${piece.end}`}
                    className={piece.source === 'window' ? 'piece extra' : 'piece'}
                    style={{
                      left: `${(piece.fromMinute / DAY_MINUTES) * 100}%`,
                      width: `${((piece.toMinute - piece.fromMinute) / DAY_MINUTES) * 100}%`,
                    }}
                  />
                ))}
              </span>
              <span className="times">
                {day.pieces.length === 0
                  ? t('availability.preview.none')
                  : day.pieces.map((piece) => (
                      <PieceText key={`${piece.start}-${piece.end}`} piece={piece} />
                    ))}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function PieceText({ piece }: { piece: DayPiece }) {
  const notes = [
    piece.source === 'window' && t('availability.preview.extra'),
    piece.continued && t('availability.preview.continued'),
    piece.continues && t('availability.preview.continues'),
  ].filter(Boolean);
  return (
    <span className="piece-text">
      {t('availability.preview.range', { from: timeOf(piece.start), until: timeOf(piece.end) })}
      {notes.length > 0 && <span className="muted"> ({notes.join(', ')})</span>}
    </span>
  );
}
