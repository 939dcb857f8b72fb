// A page of caregivers (the entity documents itself through the swagger CLI plugin).
import { Caregiver } from '@homecare/database';
import { PageOf } from '../shared';

export class CaregiverPage extends PageOf(Caregiver) {}
