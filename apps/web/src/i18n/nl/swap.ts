// Hulp bij ruilen: wie in het team een bezoek kan doen, en waarom de anderen niet (één tekst per
// regel van de roosterberekening; de API stuurt de regel als code met waarden, nooit id's).
import type { swap as en } from '../en/swap';

export const swap: Record<keyof typeof en, string> = {
  'swap.title': 'Wie kan dit bezoek doen',
  'swap.loading': 'Even kijken wie dit bezoek kan doen…',
  'swap.none': 'Er is verder niemand in het team.',
  'swap.summary': '{count} van {total} kunnen het doen.',
  'swap.able': 'kan het om {time} doen',
  'swap.unable': 'kan het niet doen',
  'swap.you': '{name} (jij)',
  'swap.known': 'kent {client} ({count} bezoeken)',
  'swap.knownOne': 'kent {client} (1 bezoek)',
  'swap.preferred': '{client} heeft voorkeur voor deze zorgverlener',
  'swap.stranger': 'nieuw voor {client}',
  'swap.refusedBecause': 'Waarom:',
  'swap.reason.skill': 'heeft de vaardigheid {skills} niet',
  'swap.reason.excluded': 'de cliënt wil deze zorgverlener niet',
  'swap.reason.availability': 'heeft niet opgegeven van {start} tot {end} te kunnen werken',
  'swap.reason.overlap':
    'is er niet op tijd: het bezoek ervoor eindigt om {previousEnd} en de reis duurt {travelMinutes} minuten',
  'swap.reason.time-window': 'zou om {start} beginnen, buiten de afgesproken tijd {earliest}–{latest}',
  'swap.reason.staffing': 'het bezoek vraagt {needed} zorgverleners die samen beginnen',
  'swap.reason.pinned': 'het team heeft vastgezet wie dit bezoek doet',
  'swap.reason.max-day': 'zou op {date} {minutes} werken, meer dan de {limitMinutes} per dag',
  'swap.reason.max-week':
    'zou in de week van {week} {minutes} werken, meer dan de {limitMinutes} van het contract',
  'swap.reason.rest': 'zou tussen {from} en {to} maar {restMinutes} rust hebben ({requiredMinutes} nodig)',
  'swap.reason.consecutive-days': 'zou {days} dagen achter elkaar werken, meer dan de {limit} toegestaan',
  'swap.reason.other': 'zou een regel van het rooster breken',
};
