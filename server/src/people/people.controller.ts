import { Controller, Get, Header, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { PersonDto, PersonSearchDto, PersonSearchQueryDto, PiiQueryDto, PiiValueDto, StaffDistrictDto } from './dto/person.dto';
import { PeopleService } from './people.service';

const badId = () => ({ errorHttpStatusCode: 404 as const });

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Roles('caseworker', 'admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Find a person (to report for them): a full ID number (by its keyed hash) or a name or its beginning; caseworkers: their districts only',
    description: 'Name and ID number masked; at most 20 (more: true says there are others). Every search is audited (how, how many, whom), never the text searched.',
  })
  @ApiOkResponse({ type: PersonSearchDto })
  search(@CurrentUser() user: AuthUser, @Query() q: PersonSearchQueryDto): Promise<PersonSearchDto> {
    return this.people.search(user, q.q);
  }

  @Get('districts')
  @Roles('caseworker', 'admin')
  @ApiOperation({ summary: 'The districts the caller serves (admins: all), for the desk pages\' pickers' })
  @ApiOkResponse({ type: StaffDistrictDto, isArray: true })
  districts(@CurrentUser() user: AuthUser): Promise<StaffDistrictDto[]> {
    return this.people.districts(user);
  }

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
