import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { ActingUser } from '../coverage/effective-person';
import { EstimateRequestDto } from './dto/estimate-request.dto';
import { EstimateResponseDto } from './dto/estimate-response.dto';
import { EstimatesService } from './estimates.service';

@ApiTags('estimates')
@ApiBearerAuth()
@Controller('estimates')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  @Post()
  @HttpCode(200)
  @Roles('beneficiary', 'caseworker', 'adjuster')
  @ApiOperation({
    summary: 'Estimate a payout for a real person (facts about the person and this year\'s ledger come from the database)',
    description: 'Not covered is a normal answer (covered: false, with reasons). Bad facts: 400 with errors [{ field, message }].',
  })
  @ApiOkResponse({ type: EstimateResponseDto })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, or facts the engine refuses' })
  @ApiNotFoundResponse({ description: 'No such person, or not one the caller may see' })
  create(@CurrentUser() user: ActingUser, @Body() body: EstimateRequestDto): Promise<EstimateResponseDto> {
    return this.estimates.estimate(user, body);
  }
}
