import { InitialSchema1795346400000 } from './1795346400000-InitialSchema';
import { AuthSessionsProxies1795346500000 } from './1795346500000-AuthSessionsProxies';
import { RosterImports1795346600000 } from './1795346600000-RosterImports';
import { CoverageReference1795346700000 } from './1795346700000-CoverageReference';
import { Idempotency1795346800000 } from './1795346800000-Idempotency';
import { Claims1795346900000 } from './1795346900000-Claims';
import { Attachments1795347000000 } from './1795347000000-Attachments';
import { ClaimFollowups1795347000500 } from './1795347000500-ClaimFollowups';
import { AttachmentClaimFk1795347060000 } from './1795347060000-AttachmentClaimFk';
import { RosterStaging1795347100000 } from './1795347100000-RosterStaging';
import { HuhuibaoSubsidy1795347200000 } from './1795347200000-HuhuibaoSubsidy';
import { Notifications1795347300000 } from './1795347300000-Notifications';
import { HolidayYears1795347400000 } from './1795347400000-HolidayYears';
import { Oversight1795347500000 } from './1795347500000-Oversight';
import { AttachmentKeys1795347600000 } from './1795347600000-AttachmentKeys';

// Every MariaDB/MySQL migration, oldest first. Add new files here (a unit test checks none is missing).
export const MARIADB_MIGRATIONS: Function[] = [
  InitialSchema1795346400000,
  AuthSessionsProxies1795346500000,
  RosterImports1795346600000,
  CoverageReference1795346700000,
  Idempotency1795346800000,
  Claims1795346900000,
  Attachments1795347000000,
  ClaimFollowups1795347000500,
  AttachmentClaimFk1795347060000,
  RosterStaging1795347100000,
  HuhuibaoSubsidy1795347200000,
  Notifications1795347300000,
  HolidayYears1795347400000,
  Oversight1795347500000,
  AttachmentKeys1795347600000,
];
