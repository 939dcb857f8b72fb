// Every migration, in order. Generated files are added here by hand so that the list is explicit
// and works the same from TypeScript (tests) and from the built JavaScript (operators).
import { InitialSchema1795403923119 } from './1795403923119-InitialSchema';

export const MIGRATIONS = [InitialSchema1795403923119];
