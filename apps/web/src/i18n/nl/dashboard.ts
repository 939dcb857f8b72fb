// Het teamdashboard: dekking, continuïteit per cliënt tegen het doel van het team, uren tegen contracten.
import type { dashboard as en } from '../en/dashboard';

export const dashboard: Record<keyof typeof en, string> = {
  'dashboard.link': 'Dashboard',
  'dashboard.title': 'Dashboard van {team}',
  'dashboard.intro': 'De laatste {weeks} weken van je team, tot en met deze week.',
  'dashboard.coverage': 'Dekking per week',
  'dashboard.coverageIntro': 'Het deel van de bezoeken met zoveel zorgverleners als nodig was.',
  'dashboard.continuity': 'Continuïteit per cliënt',
  'dashboard.continuityIntro':
    'Hoeveel verschillende zorgverleners een cliënt gemiddeld in een week zag. Het team wil er hoogstens {target}.',
  'dashboard.hours': 'Uren tegen contracten per week',
  'dashboard.hoursIntro': 'Gewerkte uren (bezoeken en betaalde reistijd) naast de uren in de contracten.',
  'dashboard.week': 'Week',
  'dashboard.visits': 'Bezoeken',
  'dashboard.coveragePercent': 'Dekking',
  'dashboard.client': 'Cliënt',
  'dashboard.distinctCaregivers': 'Verschillende zorgverleners per week',
  'dashboard.target': 'Doel',
  'dashboard.withinTarget': 'Binnen het doel',
  'dashboard.overTarget': 'Boven het doel',
  'dashboard.worked': 'Gewerkte uren',
  'dashboard.contract': 'Contracturen',
  'dashboard.overtime': 'Overuren',
  'dashboard.noClients': 'Geen cliënt had bezoeken in deze weken.',
  'dashboard.chartHidden': 'De grafiek toont dezelfde cijfers als de tabel eronder.',
};
