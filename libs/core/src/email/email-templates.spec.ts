import { digestEmail, invitationEmail, notificationEmail, passwordResetEmail } from './email-templates';

describe('email templates', () => {
  const invitation = {
    firstName: 'Fatima',
    inviterFirstName: 'Anke',
    kind: 'caregiver' as const,
    place: 'Oost <&>',
    url: 'https://roster.test/app/invitations/abc?x=1&y=2',
    expiresAt: new Date(Date.parse('2027-01-19T08:05:00Z')),
    zone: 'Europe/Amsterdam',
  };

  it('invite in Dutch by default words, with a 24-hour local time, the same in text and HTML', () => {
    const email = invitationEmail(invitation, 'nl');
    expect(email.subject).toBe('Je bent uitgenodigd');
    expect(email.text).toContain('Hallo Fatima,');
    expect(email.text).toContain('Anke nodigt je uit om je aan te sluiten bij team Oost <&>.');
    expect(email.text).toContain('09:05');
    expect(email.text).toContain(invitation.url);
    // HTML escapes what people typed, and the link
    expect(email.html).toContain('team Oost &lt;&amp;&gt;');
    expect(email.html).toContain('href="https://roster.test/app/invitations/abc?x=1&amp;y=2"');
    expect(email.html).not.toContain('<&>');
  });

  it('invite in English when asked', () => {
    const email = invitationEmail(invitation, 'en');
    expect(email.subject).toBe('You are invited');
    expect(email.text).toContain('Anke invites you to join team Oost <&>.');
  });

  it('reset, notify and digest in both languages, each with its link', () => {
    for (const language of ['nl', 'en'] as const) {
      const url = 'https://roster.test/app/x';
      for (const email of [
        passwordResetEmail({ url }, language),
        notificationEmail({ text: 'A visit has moved.', url }, language),
        digestEmail({ texts: ['one', 'two'], url }, language),
      ]) {
        expect(email.subject).not.toBe('');
        expect(email.text).toContain(url);
        expect(email.html).toContain(`href="${url}"`);
      }
    }
    expect(passwordResetEmail({ url: 'u' }, 'nl').subject).toBe('Kies een nieuw wachtwoord');
    expect(digestEmail({ texts: ['a', 'b'], url: 'u' }, 'nl').text).toContain('2 berichten voor je:');
  });
});
