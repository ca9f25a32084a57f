import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClaimFollowupsService } from './claim-followups.service';
import { AlertImportDto, AlertsQueryDto, AnswerDisputeDto, DismissAlertDto, DisputesQueryDto, RaiseDisputeDto } from './dto/claim-requests.dto';
import { AlertDto, AlertImportReportDto, ClaimDisputeDto } from './dto/claim-response.dto';

@ApiTags('claims')
@ApiBearerAuth()
@Controller()
export class ClaimFollowupsController {
  constructor(private readonly followups: ClaimFollowupsService) {}

  @Post('claims/:id/disputes')
  @Roles('beneficiary')
  @ApiOperation({ summary: 'Dispute a decision (异议): goes to the caseworker queue of the claim\'s district with its own deadline' })
  @ApiOkResponse({ type: ClaimDisputeDto })
  raise(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: RaiseDisputeDto): Promise<ClaimDisputeDto> {
    return this.followups.raiseDispute(user, id, body.reason);
  }

  @Get('disputes')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'finance', 'admin')
  @ApiOperation({ summary: 'Disputes: mine (beneficiary) or my districts\' queue (staff), open first by due date' })
  @ApiOkResponse({ type: ClaimDisputeDto, isArray: true })
  disputes(@CurrentUser() user: AuthUser, @Query() q: DisputesQueryDto): Promise<ClaimDisputeDto[]> {
    return this.followups.listDisputes(user, q.state);
  }

  @Post('disputes/:id/answer')
  @Roles('caseworker', 'adjuster')
  @ApiOperation({ summary: 'Answer a dispute in writing: maintained (维持原决定) or revised (予以纠正)' })
  @ApiOkResponse({ type: ClaimDisputeDto })
  answer(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: AnswerDisputeDto): Promise<ClaimDisputeDto> {
    return this.followups.answerDispute(user, id, body.outcome, body.answer);
  }

  @Post('claim-alerts/import')
  @Roles('caseworker', 'admin')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  @ApiOperation({ summary: '主动理赔: import monitoring alerts (CSV: 身份证号,类型,日期,方案,保障项目,说明,来源编号); row-by-row report; the same alert twice is one' })
  @ApiOkResponse({ type: AlertImportReportDto })
  importAlerts(@CurrentUser() user: AuthUser, @Body() fields: AlertImportDto, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<AlertImportReportDto> {
    return this.followups.importAlerts(user, file?.buffer, fields.source);
  }

  @Get('claim-alerts')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'admin')
  @ApiOperation({ summary: 'Reminders to report: mine (beneficiary, incl. as proxy) or my districts\' (staff)' })
  @ApiOkResponse({ type: AlertDto, isArray: true })
  alerts(@CurrentUser() user: AuthUser, @Query() q: AlertsQueryDto): Promise<AlertDto[]> {
    return this.followups.listAlerts(user, q.state);
  }

  @Post('claim-alerts/:id/dismiss')
  @Roles('caseworker', 'admin')
  @ApiOperation({ summary: 'Close a reminder that needs no claim, with the reason' })
  @ApiOkResponse({ type: AlertDto })
  dismiss(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: DismissAlertDto): Promise<AlertDto> {
    return this.followups.dismissAlert(user, id, body.note);
  }
}
