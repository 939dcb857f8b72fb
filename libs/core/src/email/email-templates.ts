// The emails people receive, in Dutch and English: a subject, plain text and the same as simple
// HTML. Rendered by the worker at send time from the database; nothing of them is stored or logged.
import type { Language } from '../notifications';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** For HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One email from paragraphs and an optional button link: the text and HTML say the same. */
function compose(
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string } | undefined,
  footer: string,
): RenderedEmail {
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), '--', footer].join(
    '\n\n',
  );
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(action ? [`<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`] : []),
    `<p style="color: #666; font-size: smaller">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const FOOTER: Record<Language, string> = {
  nl: 'Dit bericht komt van het roosterprogramma van je team. Je kunt e-mail per soort bericht uitzetten in je instellingen.',
  en: "This message comes from your team's roster app. You can switch email off per kind of message in your settings.",
};

const NO_REPLY: Record<Language, string> = {
  nl: 'Dit bericht komt van het roosterprogramma van je team.',
  en: "This message comes from your team's roster app.",
};

/** Local date and time in the person's language (24-hour clock in Dutch). */
export function formatWhen(at: Date, language: Language, zone: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
}

export interface InvitationEmail {
  firstName: string;
  inviterFirstName: string | null;
  /** What the invitation is to: the team's, the client's first name or the organisation's name. */
  kind: 'caregiver' | 'family' | 'coordinator';
  place: string | null;
  url: string;
  expiresAt: Date;
  zone: string;
}

export function invitationEmail(invitation: InvitationEmail, language: Language): RenderedEmail {
  const until = formatWhen(invitation.expiresAt, language, invitation.zone);
  const place = invitation.place ?? '';
  if (language === 'en') {
    const to = {
      caregiver: place ? `join team ${place}` : 'join the team',
      family: place ? `follow the care plan of ${place}` : 'follow a care plan',
      coordinator: place ? `coordinate at ${place}` : 'coordinate',
    }[invitation.kind];
    return compose(
      'You are invited',
      [
        invitation.firstName ? `Hello ${invitation.firstName},` : 'Hello,',
        `${invitation.inviterFirstName ?? 'Someone'} invites you to ${to}.`,
        `The link works once, until ${until}.`,
      ],
      { label: 'Accept the invitation', url: invitation.url },
      NO_REPLY.en,
    );
  }
  const to = {
    caregiver: place ? `je aan te sluiten bij team ${place}` : 'je aan te sluiten bij het team',
    family: place ? `het zorgplan van ${place} te volgen` : 'een zorgplan te volgen',
    coordinator: place ? `te coördineren bij ${place}` : 'te coördineren',
  }[invitation.kind];
  return compose(
    'Je bent uitgenodigd',
    [
      invitation.firstName ? `Hallo ${invitation.firstName},` : 'Hallo,',
      `${invitation.inviterFirstName ?? 'Iemand'} nodigt je uit om ${to}.`,
      `De link werkt één keer, tot ${until}.`,
    ],
    { label: 'Uitnodiging aannemen', url: invitation.url },
    NO_REPLY.nl,
  );
}

export function passwordResetEmail(reset: { url: string }, language: Language): RenderedEmail {
  if (language === 'en')
    return compose(
      'Choose a new password',
      [
        'Someone (hopefully you) asked to reset the password of your account.',
        'The link works once and for one hour. Using it signs you out everywhere.',
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ],
      { label: 'Choose a new password', url: reset.url },
      NO_REPLY.en,
    );
  return compose(
    'Kies een nieuw wachtwoord',
    [
      'Iemand (hopelijk jij) heeft gevraagd het wachtwoord van je account opnieuw in te stellen.',
      'De link werkt één keer en een uur lang. Daarmee word je overal afgemeld.',
      'Heb je dit niet gevraagd? Negeer dan deze e-mail: je wachtwoord blijft zoals het is.',
    ],
    { label: 'Nieuw wachtwoord kiezen', url: reset.url },
    NO_REPLY.nl,
  );
}

/** One notification (its text is the feed's text) with a link into the app. */
export function notificationEmail(
  notification: { text: string; url: string },
  language: Language,
): RenderedEmail {
  return compose(
    language === 'en' ? 'News about your roster' : 'Nieuws over je rooster',
    [notification.text],
    { label: language === 'en' ? 'Open in the app' : 'Bekijk in de app', url: notification.url },
    FOOTER[language],
  );
}

/** The day's notifications in one email. */
export function digestEmail(digest: { texts: string[]; url: string }, language: Language): RenderedEmail {
  const intro =
    language === 'en'
      ? `${digest.texts.length === 1 ? 'One message' : `${digest.texts.length} messages`} for you:`
      : `${digest.texts.length === 1 ? 'Eén bericht' : `${digest.texts.length} berichten`} voor je:`;
  return compose(
    language === 'en' ? 'Your messages of the day' : 'Je berichten van de dag',
    [intro, ...digest.texts.map((text) => `• ${text}`)],
    { label: language === 'en' ? 'Open in the app' : 'Bekijk in de app', url: digest.url },
    FOOTER[language],
  );
}
