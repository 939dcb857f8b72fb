// All English text of the web app, in one place so that a translation can follow: one file per
// view under en/, merged here. Keys are flat and dotted; `{name}` marks a value filled in.
import { board } from './en/board';
import { common } from './en/common';
import { visitPlan } from './en/visit-plan';

export const en = {
  ...common,
  ...board,
  ...visitPlan,
} as const;
