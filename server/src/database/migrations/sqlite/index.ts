import { InitialSchema1795346400000 } from './1795346400000-InitialSchema';
import { RosterImports1795346600000 } from './1795346600000-RosterImports';

// Every SQLite migration, oldest first. Add new files here (a unit test checks none is missing).
export const SQLITE_MIGRATIONS: Function[] = [InitialSchema1795346400000, RosterImports1795346600000];
