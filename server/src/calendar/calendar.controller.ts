import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { HolidayYearViewDto, PutHolidayYearDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The years of official holidays the working-day deadlines can count with (a deadline in another year shows no date)' })
  @ApiOkResponse({ type: HolidayYearViewDto, isArray: true })
  list(): HolidayYearViewDto[] {
    return this.calendar.list();
  }

  @Put(':year')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Enter (or correct) a year\'s holidays and make-up workdays when the State Council publishes them; checked, stored, used at once' })
  @ApiOkResponse({ type: HolidayYearViewDto })
  put(@CurrentUser() user: AuthUser, @Param('year', ParseIntPipe) year: number, @Body() body: PutHolidayYearDto): Promise<HolidayYearViewDto> {
    return this.calendar.put(user, year, body);
  }
}
