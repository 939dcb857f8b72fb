// De bezoekplanning die een cliënt en de familie lezen: gewone woorden, niets van de werking van het team.
import type { visitPlan as en } from '../en/visit-plan';

export const visitPlan: Record<keyof typeof en, string> = {
  'visitPlan.title': 'Wie komt er wanneer bij {name}',
  'visitPlan.titleUnnamed': 'Wie komt er wanneer',
  'visitPlan.period': 'Van {from} tot en met {to}',
  'visitPlan.empty': 'Voor deze twee weken zijn nog geen bezoeken gepland.',
  'visitPlan.window': 'Tussen {start} en {end}',
  'visitPlan.comingOne': '{name} komt',
  'visitPlan.comingTwo': '{first} en {second} komen',
  'visitPlan.nobodyYet': 'Er is nog niemand ingepland; het team weet het.',
  'visitPlan.notYetAgreed': 'Nog niet afgesproken',
  'visitPlan.stillPlanning':
    'Het team plant de bezoeken van {from} tot en met {to} nog. U ziet ze hier zodra ze voorgesteld zijn.',
  'visitPlan.inReview':
    'Het team spreekt de bezoeken van {from} tot en met {to} nog af. Bezoeken met "Nog niet afgesproken" kunnen nog veranderen.',
  'visitPlan.duration': 'Ongeveer {duration}',
  'visitPlan.status.planned': 'Gepland',
  'visitPlan.status.on-the-way': 'Bezoek is bezig',
  'visitPlan.status.done': 'Geweest',
  'visitPlan.status.cancelled': 'Gaat niet door',
  'visitPlan.changed': 'Veranderd sinds u het laatst keek: {note}',
  'visitPlan.pages': 'Andere weken',
  'visitPlan.today': 'Terug naar vandaag',
  'visitPlan.earlier': 'Twee weken eerder',
  'visitPlan.later': 'Volgende twee weken',
  'visitPlan.calendar.title': 'In uw eigen agenda',
  'visitPlan.calendar.intro':
    'Zet deze bezoeken in de agenda op uw telefoon of computer. De link is privé: iedereen die hem heeft, kan de bezoeken zien.',
  'visitPlan.calendar.create': 'Maak een agendalink',
  'visitPlan.calendar.name': 'Naam van de link',
  'visitPlan.calendar.nameHint':
    'Bijvoorbeeld "Mijn telefoon" of "Tablet in de keuken", zodat u uw links uit elkaar houdt.',
  'visitPlan.calendar.unnamed': 'Agendalink',
  'visitPlan.calendar.created': 'Uw agendalink is klaar. Kopieer hem nu: hij wordt maar één keer getoond.',
  'visitPlan.calendar.url': 'Agendalink',
  'visitPlan.calendar.copy': 'Link kopiëren',
  'visitPlan.calendar.copied': 'Gekopieerd',
  'visitPlan.calendar.subscribe': 'Openen in mijn agenda-app',
  'visitPlan.calendar.existing': 'Links die u eerder maakte',
  'visitPlan.calendar.madeOn': 'Gemaakt op {date}',
  'visitPlan.calendar.lastUsed': 'laatst gebruikt op {date}',
  'visitPlan.calendar.neverUsed': 'nog niet gebruikt',
  'visitPlan.calendar.revoke': 'Deze link stopzetten',
  'visitPlan.calendar.revoked': 'De link "{name}" werkt niet meer.',
};
