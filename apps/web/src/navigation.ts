import type { MessageKey } from './i18n';
import type { SignedInUser } from './session/store';

export interface NavigationItem {
  to: string;
  label: MessageKey;
}

/** The places each role has in the header; the start page leads to the right team or client. */
export function navigationFor(user: SignedInUser): NavigationItem[] {
  switch (user.role) {
    case 'caregiver':
      return [
        { to: '/my-day', label: 'nav.myDay' },
        { to: '/', label: 'nav.board' },
        { to: '/availability', label: 'nav.availability' },
      ];
    case 'family':
      return [{ to: '/', label: 'nav.visitPlan' }];
    case 'coordinator':
      return [
        { to: '/', label: 'nav.board' },
        { to: '/hours', label: 'nav.hours' },
      ];
    case 'administrator':
      return [{ to: '/', label: 'nav.board' }];
  }
}
