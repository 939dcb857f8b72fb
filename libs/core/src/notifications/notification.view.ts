// What the API shows of the notification feed (documented by the swagger plugin from the types).
import type { NotificationKind } from '@homecare/database';
import { DateTimeString } from '../shared';

export class NotificationView {
  id: string;
  kind: NotificationKind;
  /** The message in the reader's language (Accept-Language; Dutch when none is given). */
  text: string;
  /** The web app path the message leads to. */
  link: string;
  /** How many changes this message stands for. */
  count: number;
  @DateTimeString()
  createdAt: string;
  @DateTimeString()
  readAt: string | null;
}

export class NotificationPage {
  items: NotificationView[];
  unreadCount: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}
