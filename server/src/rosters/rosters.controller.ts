import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { FastifyReply } from 'fastify';
import { streamDownload } from '../common/http/download';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { RemoveUploadOnError } from './roster-upload.storage';
import { RosterRowsQueryDto, UploadRosterDto, type RosterImportView, type RosterRowsPage } from './rosters.dto';
import { RostersService, type UploadedRoster } from './rosters.service';

/** Civil-affairs rosters: upload (dry run: validation report), then apply. Caseworkers of the district, and admins. */
@Controller('rosters')
@Roles('caseworker', 'admin')
export class RostersController {
  constructor(private readonly rosters: RostersService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'), RemoveUploadOnError)
  upload(@CurrentUser() user: AuthUser, @Body() dto: UploadRosterDto, @UploadedFile() file: UploadedRoster | undefined): Promise<RosterImportView> {
    return this.rosters.upload(user, dto, file);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<RosterImportView> {
    return this.rosters.get(user, id);
  }

  @Get(':id/rows')
  rows(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Query() q: RosterRowsQueryDto): Promise<RosterRowsPage> {
    return this.rosters.rows(user, id, q);
  }

  @Get(':id/report.xlsx')
  report(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Res() res: FastifyReply): Promise<void> {
    return streamDownload(res, (start) => this.rosters.report(user, id, start));
  }

  @Post(':id/apply')
  @HttpCode(202)
  apply(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<RosterImportView> {
    return this.rosters.apply(user, id, key);
  }
}
