import type { MessageKey } from '../i18n';
import { t } from '../i18n';

/** The API's minimum (auth.dto.ts); the API still checks it and its refusal is shown. */
export const PASSWORD_MIN = 12;

/**
 * A new password (accepting an invitation, or from a reset link), with the rule said beside it:
 * the browser's own check stops one that is too short before the API is asked.
 */
export function NewPasswordField({
  label,
  value,
  onChange,
}: {
  label: MessageKey;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label>
        {t(label)}
        <input
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-describedby="password-hint"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      <p id="password-hint" className="hint">
        {t('invitation.passwordHint', { min: PASSWORD_MIN })}
      </p>
    </>
  );
}
