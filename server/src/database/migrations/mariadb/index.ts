import { InitialSchema1795346400000 } from './1795346400000-InitialSchema';
import { RosterImports1795346600000 } from './1795346600000-RosterImports';

// Every MariaDB/MySQL migration, oldest first. Add new files here (a unit test checks none is missing).
export const MARIADB_MIGRATIONS: Function[] = [InitialSchema1795346400000, RosterImports1795346600000];
