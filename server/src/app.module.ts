import { DynamicModule, Module } from '@nestjs/common';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthCoreModule } from './auth/auth-core.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClaimsModule } from './claims/claims.module';
import { CoverageModule } from './coverage/coverage.module';
import { CommonModule } from './common/common.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EnrolmentModule } from './enrolment/enrolment.module';
import { EstimatesModule } from './estimates/estimates.module';
import { GeoModule } from './geo/geo.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OversightModule } from './oversight/oversight.module';
import { PeopleModule } from './people/people.module';
import { RostersModule } from './rosters/rosters.module';
import { SchemesModule } from './schemes/schemes.module';
import { SeedModule } from './seed/seed.module';
import { SubsidyModule } from './subsidy/subsidy.module';
import { UsageModule } from './usage/usage.module';
import { UsersModule } from './users/users.module';

/** Built from a validated AppConfig so tests can start the real app against any database. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        CommonModule,
        IdempotencyModule,
        AuthCoreModule,
        AuthModule,
        HealthModule,
        AuditModule,
        GeoModule,
        PeopleModule,
        EnrolmentModule,
        UsersModule,
        RostersModule,
        UsageModule,
        SchemesModule,
        CoverageModule,
        EstimatesModule,
        CalendarModule,
        ClaimsModule,
        AttachmentsModule,
        SubsidyModule,
        NotificationsModule,
        OversightModule,
        SeedModule,
      ],
    };
  }
}
