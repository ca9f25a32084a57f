import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { IdemKey, sendIdempotent } from '../idempotency/idempotency.http';
import { UploadSizeGate, type UploadedAttachmentFile } from './attachment-upload.storage';
import { AttachmentView, UploadAttachmentDto } from './attachments.dto';
import { AttachmentsService, type AttachmentVariant } from './attachments.service';

const badId = () => ({ errorHttpStatusCode: 404 as const });

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('beneficiary', 'caseworker', 'admin')
  @UseInterceptors(UploadSizeGate, FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Upload a claim document (photo: JPEG, PNG, WebP, AVIF; or PDF), checked by content; photos are re-encoded as JPEG, upright, without any metadata (GPS). Needs Idempotency-Key.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, personId: { type: 'integer' }, documentId: { type: 'string' } },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–100 characters; the same key again returns the first answer and creates nothing' })
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiPayloadTooLargeResponse({ description: 'Over UPLOAD_MAX_BYTES (default 10 MB)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a photo or PDF by its content (programs, HEIC, anything else)' })
  @ApiUnprocessableEntityResponse({ description: 'Empty, damaged, too many pixels; or an Idempotency-Key reused for another file' })
  @ApiNotFoundResponse({ description: 'No such person, or not one the caller may upload for' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Body() dto: UploadAttachmentDto,
    @UploadedFile() file: UploadedAttachmentFile | undefined,
    @IdemKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AttachmentView> {
    return sendIdempotent(res, await this.attachments.upload(user, dto, file, key));
  }

  @Get(':id')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'admin')
  @ApiOperation({ summary: "An attachment's metadata (and invoice fields read from its QR code)" })
  @ApiOkResponse({ type: AttachmentView })
  @ApiNotFoundResponse({ description: 'No such attachment, or not the caller\'s to see' })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<AttachmentView> {
    return this.attachments.get(user, id);
  }

  @Get(':id/content')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'admin')
  @ApiOperation({ summary: 'The file itself (decrypted); every read is audited; never cached' })
  @ApiOkResponse({ description: 'image/jpeg or application/pdf' })
  @ApiNotFoundResponse({ description: 'No such attachment, or not the caller\'s to see' })
  content(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number, @Res() res: FastifyReply): Promise<void> {
    return this.send(user, id, 'content', res);
  }

  @Get(':id/thumbnail')
  @Roles('beneficiary', 'caseworker', 'adjuster', 'admin')
  @ApiOperation({ summary: 'A 320-px-wide JPEG of a photo (PDFs have none: 404); every read is audited' })
  @ApiOkResponse({ description: 'image/jpeg' })
  @ApiNotFoundResponse({ description: 'No such attachment, not the caller\'s to see, or a PDF' })
  thumbnail(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number, @Res() res: FastifyReply): Promise<void> {
    return this.send(user, id, 'thumbnail', res);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('beneficiary', 'caseworker', 'admin')
  @ApiOperation({ summary: 'Delete an attachment: only its uploader, only while no claim uses it' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Not the uploader' })
  @ApiConflictResponse({ description: 'Already part of a claim' })
  @ApiNotFoundResponse({ description: 'No such attachment, or not the caller\'s to see' })
  remove(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<void> {
    return this.attachments.remove(user, id);
  }

  private async send(user: AuthUser, id: number, variant: AttachmentVariant, res: FastifyReply): Promise<void> {
    const f = await this.attachments.read(user, id, variant);
    res.status(200);
    res.header('Content-Type', f.mime);
    res.header('Content-Length', String(f.body.length));
    res.header('Cache-Control', 'private, no-store');
    res.header('X-Content-Type-Options', 'nosniff');
    // Opened directly in a browser, a PDF (or anything) runs in a sandbox with no scripts and no requests.
    res.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    res.header('Content-Disposition', `inline; filename="${f.fileName}"`);
    void res.send(f.body);
  }
}
