import { Attachment } from '../attachments/attachment.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuthRefreshToken } from '../auth/entities/refresh-token.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { BindAttempt } from '../auth/entities/bind-attempt.entity';
import { ProxyGrant } from '../auth/entities/proxy-grant.entity';
import { ProxyInvite } from '../auth/entities/proxy-invite.entity';
import { HolidayYearRow } from '../calendar/holiday-year.entity';
import { ClaimAlert } from '../claims/claim-alert.entity';
import { ClaimDispute } from '../claims/claim-dispute.entity';
import { ClaimDocument } from '../claims/claim-document.entity';
import { ClaimEvent } from '../claims/claim-event.entity';
import { Claim } from '../claims/claim.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { District } from '../geo/district.entity';
import { Insurer } from '../geo/insurer.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { NotificationRead } from '../notifications/notification-read.entity';
import { PushCursor } from '../notifications/push-cursor.entity';
import { StreamTicket } from '../notifications/stream-ticket.entity';
import { SubscribeAcceptance } from '../notifications/subscribe-acceptance.entity';
import { SubscribeSend } from '../notifications/subscribe-send.entity';
import { LossRatioWarning } from '../oversight/loss-ratio-warning.entity';
import { PremiumCell, PremiumSnapshot } from '../oversight/premium-snapshot.entity';
import { Household } from '../people/household.entity';
import { Identity } from '../people/identity.entity';
import { Person } from '../people/person.entity';
import { RosterImportRow } from '../rosters/roster-import-row.entity';
import { RosterImport } from '../rosters/roster-import.entity';
import { SUBSIDY_ENTITIES } from '../subsidy/entities';
import { AnnualUsage } from '../usage/annual-usage.entity';
import { AppUser } from '../users/app-user.entity';
import { UserDistrict } from '../users/user-district.entity';

/** Every entity, listed explicitly (no globs: the same list works from dist/, from jest and from the CLI). */
export const ENTITIES = [
  Insurer,
  District,
  Household,
  Person,
  Identity,
  Enrolment,
  AppUser,
  UserDistrict,
  RosterImport,
  RosterImportRow,
  AuditEvent,
  AnnualUsage,
  AuthSession,
  AuthRefreshToken,
  BindAttempt,
  ProxyGrant,
  ProxyInvite,
  IdempotencyRecord,
  Claim,
  ClaimDocument,
  ClaimEvent,
  ClaimDispute,
  ClaimAlert,
  Attachment,
  ...SUBSIDY_ENTITIES,
  StreamTicket,
  NotificationRead,
  SubscribeAcceptance,
  SubscribeSend,
  PushCursor,
  HolidayYearRow,
  LossRatioWarning,
  PremiumCell,
  PremiumSnapshot,
];
