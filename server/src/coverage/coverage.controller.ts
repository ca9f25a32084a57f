import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, SessionCheckedInRead } from '../auth/decorators';
import { CoverageService } from './coverage.service';
import { CoverageResponseDto } from './dto/coverage.dto';
import type { ActingUser } from './effective-person';

@ApiTags('coverage')
@ApiBearerAuth()
@Controller('me/coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get()
  @SessionCheckedInRead() // CoverageService.mine checks the caller's session in its one read
  @ApiOperation({
    summary: 'My coverage: enrolments in force today and those ended within 12 months, with insurer hotline, limits, use this year and documents',
    description: 'For a beneficiary, or a proxy acting for one. Staff not acting for anyone get 403.',
  })
  @ApiOkResponse({ type: CoverageResponseDto })
  @ApiForbiddenResponse({ description: 'Staff not acting for a beneficiary' })
  @ApiNotFoundResponse({ description: 'The account is not bound to a person' })
  mine(@CurrentUser() user: ActingUser): Promise<CoverageResponseDto> {
    return this.coverage.mine(user);
  }
}
