import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { IdemKey, sendIdempotent } from '../idempotency/idempotency.http';
import { ClaimsReader } from './claims.reader';
import { ClaimsService } from './claims.service';
import { AttachDocumentsDto, ListClaimsQueryDto, ReportClaimDto, ReviewDocumentDto, TransitionClaimDto } from './dto/claim-requests.dto';
import { ClaimDetailDto, ClaimListDto } from './dto/claim-response.dto';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description: 'A fresh random key per submission (8–100 of A–Z a–z 0–9 _ - : .). Sending the same request again with it creates nothing and returns the first answer.',
};

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reader: ClaimsReader,
  ) {}

  @Post()
  @Roles('beneficiary', 'caseworker')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: '报案: report an incident under a scheme and benefit',
    description: 'The engine checks cover and estimates at once; refused with the reasons (422 CLAIM_NOT_COVERED) when the person is not covered. The document checklist comes from the benefit (一次性告知).',
  })
  @ApiCreatedResponse({ type: ClaimDetailDto })
  @ApiUnprocessableEntityResponse({ description: 'Not covered (reasons in errors[]), or an Idempotency-Key reused for a different request' })
  async report(@CurrentUser() user: AuthUser, @Body() body: ReportClaimDto, @IdemKey() key: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<ClaimDetailDto> {
    return sendIdempotent(res, await this.claims.report(user, body, key));
  }

  @Get()
  @Roles('beneficiary', 'caseworker', 'adjuster', 'finance', 'admin')
  @ApiOperation({ summary: 'My claims (beneficiary), or the queue of my districts (staff): overdue first, then by due date' })
  @ApiOkResponse({ type: ClaimListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListClaimsQueryDto): Promise<ClaimListDto> {
    return this.reader.list(user, query);
  }

  @Get(':id')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'finance', 'admin')
  @ApiOperation({ summary: 'One claim: checklist, estimate with breakdown, deadline, timeline, and what the caller may do next' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiNotFoundResponse({ description: 'No such claim, or not one the caller may see' })
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<ClaimDetailDto> {
    return this.reader.detail(user, id);
  }

  @Post(':id/transitions')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'finance')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: 'Move a claim: accept (立案), ask for documents, review, approve (with amount; a changed amount needs a reason), reject, pay, withdraw',
    description: 'Allowed moves come from the shared state machine. Two people acting at once: one wins, the other gets 409 CLAIM_CHANGED.',
  })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiConflictResponse({ description: 'Not allowed from the current state, or someone else moved the claim first' })
  async transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: TransitionClaimDto,
    @IdemKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ClaimDetailDto> {
    return sendIdempotent(res, await this.claims.transition(user, id, body, key));
  }

  @Post(':id/documents/:documentId/attachments')
  @Roles('beneficiary', 'caseworker', 'adjuster')
  @ApiOperation({ summary: 'Hand in uploaded files (POST /api/attachments first) for one checklist line; the line is ticked as received, and when all are in the deadline starts' })
  @ApiOkResponse({ type: ClaimDetailDto })
  attach(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('documentId') documentId: string,
    @Body() body: AttachDocumentsDto,
  ): Promise<ClaimDetailDto> {
    return this.claims.attachDocuments(user, id, documentId, body);
  }

  @Post(':id/documents/:documentId/review')
  @Roles('caseworker', 'adjuster')
  @ApiOperation({ summary: 'Tick a checklist line: received (on paper), accepted (checked), rejected (send again, with a note)' })
  @ApiOkResponse({ type: ClaimDetailDto })
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('documentId') documentId: string,
    @Body() body: ReviewDocumentDto,
  ): Promise<ClaimDetailDto> {
    return this.claims.reviewDocument(user, id, documentId, body);
  }
}
