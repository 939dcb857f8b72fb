// Alle Nederlandse tekst van de web-app: één bestand per scherm onder nl/, dezelfde sleutels als en/
// (een ontbrekende of extra sleutel is een compileerfout), hier samengevoegd.
import type { Messages } from '.';
import { availability } from './nl/availability';
import { board } from './nl/board';
import { clients } from './nl/clients';
import { common } from './nl/common';
import { dashboard } from './nl/dashboard';
import { hours } from './nl/hours';
import { myDay } from './nl/my-day';
import { problems } from './nl/problems';
import { swap } from './nl/swap';
import { visitPlan } from './nl/visit-plan';

export const nl: Messages = {
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
};
