import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DemoClaimsSeeder } from './demo-claims';
import { DemoSeedService } from './demo';
import { ReferenceSeedService } from './reference';

/**
 * At start-up, after the migrations: the reference data from the rules engine (always, production too),
 * then the demo data when SEED_DEMO is on (default: embedded SQLite outside production).
 */
@Injectable()
export class SeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly reference: ReferenceSeedService,
    private readonly demo: DemoSeedService,
    private readonly demoClaims: DemoClaimsSeeder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reference.run();
    if (this.config.seedDemo) {
      const r = await this.demo.run();
      if (r.skipped) this.logger.log('demo data already loaded');
      else await this.demoClaims.run();
    }
  }
}

@Module({ imports: [ClaimsModule], providers: [ReferenceSeedService, DemoSeedService, DemoClaimsSeeder, SeedRunner], exports: [ReferenceSeedService, DemoSeedService, DemoClaimsSeeder] })
export class SeedModule {}
