import { Controller, Get, Header, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PersonDto, PiiQueryDto, PiiValueDto } from './dto/person.dto';
import { PeopleService } from './people.service';

const badId = () => ({ errorHttpStatusCode: 404 as const });

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get(':id')
  @Roles('caseworker', 'adjuster', 'finance', 'admin')
  @ApiOperation({ summary: 'A person for staff, ID number and phone masked (caseworkers and adjusters: their districts only)' })
  @ApiOkResponse({ type: PersonDto })
  @ApiNotFoundResponse({ description: 'No such person, or not in the caller\'s districts' })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number): Promise<PersonDto> {
    return this.people.get(user, id);
  }

  @Get(':id/pii')
  @Roles('caseworker', 'admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The full ID number or phone: caseworkers of the person\'s district and admins only; every read is audited' })
  @ApiOkResponse({ type: PiiValueDto })
  @ApiForbiddenResponse({ description: 'Roles that never see full personal data' })
  @ApiNotFoundResponse({ description: 'No such person, or not in the caseworker\'s districts' })
  pii(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe(badId())) id: number, @Query() q: PiiQueryDto): Promise<PiiValueDto> {
    return this.people.revealPii(user, id, q.field);
  }
}
