import { Controller, Get, Header, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClaimsMoneyService, type ClaimsMoneyView } from './claims-money.service';
import { DecisionLetterService, type DecisionLetter } from './decision-letter.service';
import { kpiSheets, settlementSheets } from './exports';
import { KpisService, type KpisView } from './kpis.service';
import { OversightQueryDto } from './oversight.dto';
import { OversightScopes } from './oversight-scope';
import { PremiumsService, type PremiumsView } from './premiums.service';
import { SettlementsService, type SettlementsView } from './settlements.service';
import { WarningsService, type WarningsView } from './warnings.service';
import { workbook } from './xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `ascii` names the file for old clients; `name` (Chinese) is sent RFC 5987-encoded (headers must be Latin-1). */
async function sendXlsx(res: FastifyReply, ascii: string, name: string, buf: Buffer): Promise<void> {
  res.header('Content-Type', XLSX);
  res.header('Content-Disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`);
  res.header('Cache-Control', 'no-store');
  void res.send(buf);
}

/**
 * 监管看板 (oversight): premiums, claims money and loss ratios, warnings, year-end settlements and KPIs per
 * scheme × insurance year (× district). Caseworkers see their districts, adjusters their insurer's
 * districts (read-only), finance (the city level) and admins everything; another district answers 404.
 */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight')
@Roles('caseworker', 'adjuster', 'finance', 'admin')
export class OversightController {
  constructor(
    private readonly scopes: OversightScopes,
    private readonly premiums: PremiumsService,
    private readonly money: ClaimsMoneyService,
    private readonly warnings: WarningsService,
    private readonly settlements: SettlementsService,
    private readonly kpis: KpisService,
  ) {}

  @Get('premiums')
  @ApiOperation({ summary: 'Premiums per district: people covered month by month, households, premium due and each payer\'s share (the engine\'s funding rules)' })
  async premiumsView(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto): Promise<PremiumsView> {
    return this.premiums.view(await this.scopes.resolve(user, q));
  }

  @Get('claims-money')
  @ApiOperation({ summary: 'Claims money per district: reported estimates, approved, paid, loss ratio against the premium, and a monthly series' })
  async claimsMoney(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto): Promise<ClaimsMoneyView> {
    return this.money.view(await this.scopes.resolve(user, q));
  }

  @Get('warnings')
  @ApiOperation({ summary: 'Loss-ratio warnings (Jincheng: >80% insurer reports to the county, >100% the county investigates and reports to the city): recorded crossings and each county\'s ratio now' })
  async warningsView(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto): Promise<WarningsView> {
    return this.warnings.view(await this.scopes.resolve(user, q));
  }

  @Get('settlements')
  @ApiOperation({ summary: 'Year-end risk-sharing statements per county (Zhumadian, Jincheng) with their arithmetic, by the engine' })
  async settlementsView(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto): Promise<SettlementsView> {
    return this.settlements.view(await this.scopes.resolve(user, q));
  }

  @Get('settlements.xlsx')
  @ApiOperation({ summary: 'The settlement statements as .xlsx (the same numbers as the JSON)' })
  async settlementsXlsx(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto, @Res() res: FastifyReply): Promise<void> {
    const v = await this.settlements.view(await this.scopes.resolve(user, q));
    await sendXlsx(res, `settlements-${v.schemeId}-${v.year}`, `结算单-${v.schemeId}-${v.year}`, await workbook(settlementSheets(v), { title: `${v.schemeName} ${v.year} 结算单` }));
  }

  @Get('kpis')
  @ApiOperation({ summary: 'KPIs with numerator, denominator and monthly trend: filing, closing, on-time payout by band, claims by benefit and insurer; Minhang: the subsidy KPIs' })
  async kpisView(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto): Promise<KpisView> {
    return this.kpis.view(user, await this.scopes.resolve(user, q), q.districtId);
  }

  @Get('kpis.xlsx')
  @ApiOperation({ summary: 'The KPIs as .xlsx (the same numbers as the JSON)' })
  async kpisXlsx(@CurrentUser() user: AuthUser, @Query() q: OversightQueryDto, @Res() res: FastifyReply): Promise<void> {
    const v = await this.kpis.view(user, await this.scopes.resolve(user, q), q.districtId);
    await sendXlsx(res, `kpis-${v.schemeId}-${v.year}`, `绩效指标-${v.schemeId}-${v.year}`, await workbook(kpiSheets(v), { title: `${v.schemeName} ${v.year} 绩效指标` }));
  }
}

/** 理赔决定书 / 核定书 of a decided claim: the beneficiary their own (or the person they act for), staff their districts'. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
@Roles('beneficiary', 'caseworker', 'adjuster', 'finance', 'admin')
export class DecisionLetterController {
  constructor(private readonly letters: DecisionLetterService) {}

  @Get(':id/decision.pdf')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The decision letter as PDF (embedded CJK font); 409 before the decision; 503 NO_CJK_FONT on a server without a Chinese font (use decision.html)' })
  async pdf(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe({ errorHttpStatusCode: 404 })) id: number, @Res() res: FastifyReply): Promise<void> {
    const l = await this.letters.letter(user, id);
    const buf = await this.letters.pdf(l);
    res.header('Content-Type', 'application/pdf');
    res.header('Content-Disposition', `inline; filename="decision-${l.claimNo}.pdf"`);
    void res.send(buf);
  }

  @Get(':id/decision.html')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The decision letter as print-ready HTML (A4)' })
  async html(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe({ errorHttpStatusCode: 404 })) id: number, @Res() res: FastifyReply): Promise<void> {
    const l = await this.letters.letter(user, id);
    res.header('Content-Type', 'text/html; charset=utf-8');
    void res.send(this.letters.html(l));
  }

  @Get(':id/decision')
  @ApiOperation({ summary: 'The decision letter\'s content as JSON (what the PDF and HTML print)' })
  json(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe({ errorHttpStatusCode: 404 })) id: number): Promise<DecisionLetter> {
    return this.letters.letter(user, id);
  }
}
