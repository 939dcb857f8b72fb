// Tekst die elk scherm deelt: het kader, inloggen, uitnodigingen en foutmeldingen.
import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'app.name': 'Zorgrooster',
  'app.skipToContent': 'Naar de inhoud',
  'app.loading': 'Even geduld…',
  'app.signOut': 'Uitloggen',
  'app.signedInAs': 'Ingelogd als {name}',
  'app.notFound': 'Deze pagina bestaat niet.',
  'app.backHome': 'Terug naar de startpagina',
  'nav.main': 'Hoofdmenu',
  'nav.board': 'Teamweek',
  'nav.availability': 'Mijn beschikbaarheid',
  'nav.visitPlan': 'Bezoekplanning',
  'nav.hours': 'Uren',

  'signIn.title': 'Inloggen',
  'signIn.email': 'E-mailadres',
  'signIn.password': 'Wachtwoord',
  'signIn.submit': 'Inloggen',
  'signIn.busy': 'Bezig met inloggen…',
  'signIn.sessionEnded': 'Je sessie is afgelopen. Log opnieuw in.',

  'invitation.title': 'Je uitnodiging accepteren',
  'invitation.caregiver': 'Je bent uitgenodigd om als zorgverlener bij {team} te komen.',
  'invitation.family': 'U bent uitgenodigd om te zien wanneer er iemand bij {client} komt.',
  'invitation.coordinator': 'Je bent uitgenodigd om de uren van {organisation} bij te houden.',
  'invitation.from': 'Uitgenodigd door {name}.',
  'invitation.expires': 'Deze uitnodiging is geldig tot {date}.',
  'invitation.name': 'Je naam',
  'invitation.password': 'Kies een wachtwoord',
  'invitation.passwordHint': 'Minstens {min} tekens.',
  'invitation.submit': 'Accepteren en inloggen',
  'invitation.invalid': 'Deze uitnodigingslink werkt niet meer.',

  'home.title': 'Welkom, {name}',
  'home.chooseTeam': 'Kies een team',
  'home.chooseClient': 'Kies van wie je de bezoeken wilt zien',
  'home.nothing': 'Je account is nog niet gekoppeld aan een team, een cliënt of een organisatie.',

  'error.title': 'Dat is niet gelukt',
  'error.network': 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
  'error.unexpected': 'Er ging bij ons iets mis. Probeer het opnieuw.',
  'error.retry': 'Opnieuw proberen',
  'error.field': '{field}: {message}',

  'duration.minutes': '{minutes} min',
  'duration.hours': '{hours} uur',
  'duration.hoursMinutes': '{hours} uur {minutes} min',

  'language.label': 'Taal',
};
