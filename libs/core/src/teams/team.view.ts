// The pages of organisations and teams (the entities document themselves through the swagger CLI
// plugin; a page names its item class because the plugin cannot see through generics).
import { Organisation, Team } from '@homecare/database';
import { PageOf } from '../shared';

export class OrganisationPage extends PageOf(Organisation) {}

export class TeamPage extends PageOf(Team) {}
