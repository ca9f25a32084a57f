import { Body, Controller, Get, Header, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { IdemKey, sendIdempotent } from '../idempotency/idempotency.http';
import { MeSubsidyService, type BankAccountView, type MySubsidyView } from './me-subsidy.service';
import { BankAccountDto } from './subsidy.dto';

/** The resident's 沪惠保 subsidy (or a proxy acting for them with X-Act-For). Staff not acting for anyone: 403. */
@ApiTags('subsidy')
@ApiBearerAuth()
@Controller('me/subsidy')
export class MeSubsidyController {
  constructor(private readonly me: MeSubsidyService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Do I qualify (reasons in plain Chinese), how to buy, my policies and subsidy states, my bank account (masked)' })
  mine(@CurrentUser() user: AuthUser): Promise<MySubsidyView> {
    return this.me.mine(user);
  }

  @Post('bank-account')
  @ApiOperation({ summary: 'Confirm the bank account the subsidy goes to (Idempotency-Key required; holder must be the resident; only the masked number is returned)' })
  async bankAccount(
    @CurrentUser() user: AuthUser,
    @Body() dto: BankAccountDto,
    @IdemKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BankAccountView & { subsidiesReady: number }> {
    return sendIdempotent(res, await this.me.setBankAccount(user, dto, key));
  }
}
