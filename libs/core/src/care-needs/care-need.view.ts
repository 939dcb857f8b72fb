// A page of care needs (the entity documents itself through the swagger CLI plugin).
import { CareNeed } from '@homecare/database';
import { PageOf } from '../shared';

export class CareNeedPage extends PageOf(CareNeed) {}
