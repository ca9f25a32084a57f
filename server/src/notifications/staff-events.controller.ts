import { BadRequestException, Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { StaffEventsQueryDto, StreamTicketDto } from './dto/staff-events.dto';
import { StaffEventsStream } from './staff-events.stream';
import { STREAM_ROLES, StreamAuthService } from './stream-auth.service';

@ApiTags('push')
@ApiBearerAuth()
@Controller('staff/events')
export class StaffEventsController {
  constructor(
    private readonly auth: StreamAuthService,
    private readonly stream: StaffEventsStream,
  ) {}

  @Post('ticket')
  @HttpCode(201)
  @Roles(...STREAM_ROLES)
  @ApiOperation({
    summary: 'A single-use ticket (valid 60 s) to open the event stream from a browser EventSource',
    description: 'EventSource cannot send Authorization; never put the access token in a URL. Use GET /api/staff/events?ticket=… once; to reconnect, get a new ticket and pass ?after=<last id>.',
  })
  @ApiCreatedResponse({ type: StreamTicketDto })
  ticket(@CurrentUser() user: AuthUser, @Headers('authorization') authorization: string | undefined): Promise<StreamTicketDto> {
    return this.auth.issueTicket(user, authorization);
  }

  /**
   * @Public only because a ticket (not the guard's Bearer header) may sign the caller in: StreamAuthService
   * checks the header or the ticket and the role itself (401 / 403 exactly as the guard would).
   */
  @Get()
  @Public()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this claim_event id (EventSource sends it when it reconnects)' })
  @ApiOperation({
    summary: 'Live claim events of my districts (Server-Sent Events)',
    description:
      'Caseworkers and adjusters: every claim event of their districts; finance and admin: all districts (optionally ?districtId=). ' +
      'Frames: `id: <claim_event id>` / `event: claim` / `data: <json>`; a comment every ~20 s; `event: resync` when more was missed than is replayed (reload the list); ' +
      '`event: warning` (no id) when a county of the caller\'s crosses a loss-ratio warning level (Jincheng >80% / >100%; finance and admin: every county; adjusters when the level tells the insurer) — recorded, listed by GET /api/oversight/warnings; ' +
        '`event: reauth` when the access token behind the stream expires (sign in again or get a new ticket, resume with ?after=). ' +
      'Sign in with Authorization: Bearer, or ?ticket= from POST /api/staff/events/ticket.',
  })
  async events(
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
    @Query() q: StaffEventsQueryDto,
    @Headers('authorization') authorization: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<void> {
    const caller = await this.auth.callerOf(authorization, q.ticket);
    let after: number | null = q.after ?? null;
    if (lastEventId !== undefined && lastEventId.trim() !== '') {
      if (!/^\d{1,10}$/.test(lastEventId.trim())) throw new BadRequestException({ code: 'BAD_LAST_EVENT_ID', message: 'Last-Event-ID 应为事件编号' });
      after = Number(lastEventId.trim());
    }
    (req as FastifyRequest & { user?: AuthUser }).user = caller.user;
    await this.stream.serve(req, res, caller, { after, live: q.live !== '0' && q.live !== 'false', districtId: q.districtId ?? null });
  }
}
