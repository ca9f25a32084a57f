import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '../claims/claims.module';
import { SubsidiesService } from '../subsidy/subsidies.service';
import { SubsidyAccess } from '../subsidy/subsidy-access';
import { ClaimsMoneyService } from './claims-money.service';
import { DecisionLetterService } from './decision-letter.service';
import { KpisService } from './kpis.service';
import { LossRatioWarning } from './loss-ratio-warning.entity';
import { DecisionLetterController, OversightController } from './oversight.controller';
import { OversightEventsBus } from './oversight-events.bus';
import { OversightScopes } from './oversight-scope';
import { PremiumCell, PremiumSnapshot } from './premium-snapshot.entity';
import { PremiumsService } from './premiums.service';
import { SettlementsService } from './settlements.service';
import { WarningsService } from './warnings.service';

/**
 * 监管 (oversight): premiums and who pays them, claims money and loss ratios, Jincheng's loss-ratio warnings
 * (recorded on claim events), year-end settlements, KPIs and the decision letters. Reads the other modules'
 * tables with GROUP BY; the Minhang KPIs are the subsidy module's own (SubsidiesService, provided here as is).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LossRatioWarning, PremiumCell, PremiumSnapshot]), ClaimsModule],
  controllers: [OversightController, DecisionLetterController],
  providers: [OversightScopes, PremiumsService, ClaimsMoneyService, WarningsService, SettlementsService, KpisService, DecisionLetterService, OversightEventsBus, SubsidyAccess, SubsidiesService],
  exports: [OversightEventsBus, WarningsService, PremiumsService, ClaimsMoneyService],
})
export class OversightModule {}
