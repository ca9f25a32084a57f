import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';

/**
 * The form fields beside `file` in POST /api/attachments (multipart: all text, hence @Type).
 * There is deliberately no claimId: an attachment joins a claim only through the claims module
 * (AttachmentsService.assignToClaim), which checks that the claim is the person's.
 */
export class UploadAttachmentDto {
  /**
   * Whose document it is. Staff must say (or act for the person with X-Act-For); a beneficiary may leave it
   * out (their own, or the person named in X-Act-For) and may not name anyone else.
   */
  @ApiPropertyOptional({ description: "Whose document: staff uploads; beneficiaries default to themself (or X-Act-For's person)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '参保人编号应为整数' })
  @Min(1, { message: '参保人编号应为正整数' })
  personId?: number;

  /** Which document of the claim checklist this is (the engine's document id, e.g. 'invoice'). */
  @ApiPropertyOptional({ example: 'invoice', description: "The claim checklist's document id" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: '材料编号应为 1–64 位字母、数字或 _ . -' })
  documentId?: string;
}

export class InvoiceDto {
  @ApiProperty({ nullable: true, type: String, example: '50060125', description: '票据代码 / 发票代码' }) code: string | null;
  @ApiProperty({ example: '0012345678', description: '票据号码 / 发票号码' }) number: string;
  @ApiProperty({ nullable: true, type: String, example: '356.80' }) amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-05-12' }) date: string | null;
  @ApiProperty({ nullable: true, type: String, description: '校验码' }) checkCode: string | null;
}

/** An attachment's metadata. The file itself: contentUrl (and thumbnailUrl for photos), both audited. */
export class AttachmentView {
  @ApiProperty() id: number;
  @ApiProperty() personId: number;
  @ApiProperty({ enum: ['image/jpeg', 'application/pdf'] }) mime: string;
  @ApiProperty({ description: 'Bytes of the stored file' }) byteSize: number;
  @ApiProperty({ nullable: true, type: Number }) width: number | null;
  @ApiProperty({ nullable: true, type: Number }) height: number | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the stored file' }) sha256: string;
  @ApiProperty({ example: '/api/attachments/1/content' }) contentUrl: string;
  @ApiProperty({ nullable: true, type: String, example: '/api/attachments/1/thumbnail' }) thumbnailUrl: string | null;
  @ApiProperty({ nullable: true, type: Number }) claimId: number | null;
  @ApiProperty({ nullable: true, type: String }) documentId: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: () => InvoiceDto, description: "Read from the photo's e-invoice QR code; absent when none was read" })
  invoice?: InvoiceDto;
}
