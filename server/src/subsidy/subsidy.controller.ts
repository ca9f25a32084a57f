import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { streamDownload } from '../common/http/download';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { IdemKey, sendIdempotent } from '../idempotency/idempotency.http';
import { MatchingService, type MatchResult } from './matching.service';
import { PaymentsService, type BatchView, type ResultsReport } from './payments.service';
import { PolicyImportService, type UploadedFile as Upload } from './policy-import.service';
import { SubsidiesService, type KpiView, type SubsidyView } from './subsidies.service';
import {
  BatchListQueryDto,
  CreateBatchDto,
  KpiQueryDto,
  MatchDto,
  PolicyRowsQueryDto,
  SubsidyListQueryDto,
  UploadPolicyListDto,
  UploadResultsDto,
  type PolicyImportView,
  type PolicyRowsPage,
} from './subsidy.dto';
import { SUBSIDY_FILE_MAX_BYTES } from './table-reader';

const badId = () => ({ errorHttpStatusCode: 404 as const });
const upload = () => FileInterceptor('file', { limits: { fileSize: SUBSIDY_FILE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 } });

/**
 * 沪惠保 subsidy, staff side: the insurer's policy lists, matching, subsidies, payment batches, the bank's
 * results and the document's targets. Caseworkers see their own 街道 / 镇; finance and admins all.
 */
@ApiTags('subsidy')
@ApiBearerAuth()
@Controller('subsidy')
@Roles('caseworker', 'finance', 'admin')
export class SubsidyController {
  constructor(
    private readonly imports: PolicyImportService,
    private readonly matching: MatchingService,
    private readonly subsidies: SubsidiesService,
    private readonly payments: PaymentsService,
  ) {}

  @Post('policy-imports')
  @HttpCode(201)
  @UseInterceptors(upload())
  @ApiOperation({ summary: 'Upload the insurer\'s list of issued policies (xlsx/CSV): a dry run with a row report; nothing is applied' })
  uploadPolicies(@CurrentUser() user: AuthUser, @Body() dto: UploadPolicyListDto, @UploadedFile() file: Upload | undefined): Promise<PolicyImportView> {
    return this.imports.upload(user, dto, file);
  }

  @Get('policy-imports/:id')
  getImport(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<PolicyImportView> {
    return this.imports.get(user, id);
  }

  @Get('policy-imports/:id/rows')
  importRows(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number, @Query() q: PolicyRowsQueryDto): Promise<PolicyRowsPage> {
    return this.imports.rows(user, id, q);
  }

  @Post('policy-imports/:id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a checked policy list (rows with errors are not applied); applying it again changes nothing' })
  applyImport(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<PolicyImportView> {
    return this.imports.apply(user, id);
  }

  @Post('match')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide every policy of a policy year with the rules engine (idempotent)' })
  match(@CurrentUser() user: AuthUser, @Body() dto: MatchDto): Promise<MatchResult> {
    return this.matching.match(user, dto.policyYear);
  }

  @Get('subsidies')
  list(@CurrentUser() user: AuthUser, @Query() q: SubsidyListQueryDto) {
    return this.subsidies.list(user, q);
  }

  @Get('subsidies/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<SubsidyView> {
    return this.subsidies.get(user, id);
  }

  @Post('batches')
  @ApiOperation({ summary: 'Create the payment batch of one 街道/镇 and policy year (Idempotency-Key required)' })
  async createBatch(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateBatchDto,
    @IdemKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BatchView> {
    return sendIdempotent(res, await this.payments.create(user, dto, key));
  }

  @Get('batches')
  batches(@CurrentUser() user: AuthUser, @Query() q: BatchListQueryDto): Promise<BatchView[]> {
    return this.payments.list(user, q);
  }

  @Get('batches/:id')
  batch(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<BatchView> {
    return this.payments.get(user, id);
  }

  @Get('batches/:id/export.xlsx')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The batch for the bank, with full account numbers: every export is an audited act' })
  export(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number, @Res() res: FastifyReply): Promise<void> {
    return streamDownload(res, (start) => this.payments.export(user, id, start));
  }

  @Post('batches/:id/results')
  @HttpCode(200)
  @UseInterceptors(upload())
  @ApiOperation({ summary: 'Import the bank\'s result file (paid / failed with reason per row); a replay changes nothing' })
  results(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIntPipe(badId())) id: number,
    @Body() dto: UploadResultsDto,
    @UploadedFile() file: Upload | undefined,
  ): Promise<ResultsReport> {
    return this.payments.results(user, id, file, dto.dryRun === 'true');
  }

  @Get('kpis')
  @ApiOperation({ summary: 'The document\'s targets: 应补尽补率, 补贴发放准确率, 补贴发放及时率, each with numerator and denominator' })
  kpis(@CurrentUser() user: AuthUser, @Query() q: KpiQueryDto): Promise<KpiView> {
    return this.subsidies.kpis(user, q);
  }
}
