import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { SchemeDetailDto, SchemeSummaryDto } from './dto/scheme.dto';
import { SchemesService } from './schemes.service';

@ApiTags('schemes')
@Public()
@Controller('schemes')
export class SchemesController {
  constructor(private readonly schemes: SchemesService) {}

  @Get()
  @ApiOperation({ summary: 'The scheme catalogue: every scheme with its versions and insurance years (no login needed)' })
  @ApiOkResponse({ type: SchemeSummaryDto, isArray: true })
  list(): SchemeSummaryDto[] {
    return this.schemes.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One scheme: coverage, insurers and hotlines, benefits with limits, facts and documents, funding, clause sources' })
  @ApiParam({ name: 'id', example: 'cq-hmjkb' })
  @ApiOkResponse({ type: SchemeDetailDto })
  @ApiNotFoundResponse({ description: '没有这个保障方案' })
  get(@Param('id') id: string): SchemeDetailDto {
    return this.schemes.get(id);
  }
}
