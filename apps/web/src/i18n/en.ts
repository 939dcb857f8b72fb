// All English text of the web app, in one place so that a translation can follow: one file per
// view under en/, merged here. Keys are flat and dotted; `{name}` marks a value filled in.
import { board } from './en/board';
import { availability } from './en/availability';
import { clients } from './en/clients';
import { common } from './en/common';
import { dashboard } from './en/dashboard';
import { hours } from './en/hours';
import { myDay } from './en/my-day';
import { problems } from './en/problems';
import { swap } from './en/swap';
import { visitPlan } from './en/visit-plan';

export const en = {
  ...common,
  ...board,
  ...availability,
  ...hours,
  ...dashboard,
  ...clients,
  ...visitPlan,
  ...swap,
  ...myDay,
  ...problems,
} as const;
