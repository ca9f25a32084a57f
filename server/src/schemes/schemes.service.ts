import { Injectable, NotFoundException } from '@nestjs/common';
import { listSchemes, type SchemeDefinition } from '@huimin/shared';
import { Clock } from '../common/clock';
import { SchemeDetailDto, SchemeSummaryDto } from './dto/scheme.dto';
import { toSchemeDetail, toSchemeSummary } from './scheme.mapper';

/** The scheme catalogue, straight from the rules engine's data (no database). */
@Injectable()
export class SchemesService {
  constructor(private readonly clock: Clock) {}

  list(): SchemeSummaryDto[] {
    const today = this.clock.today();
    return listSchemes().map((s) => toSchemeSummary(s, today));
  }

  get(id: string): SchemeDetailDto {
    const scheme: SchemeDefinition | undefined = listSchemes().find((s) => s.id === id);
    if (!scheme) throw new NotFoundException({ code: 'NOT_FOUND', message: '没有这个保障方案', entity: 'scheme' });
    return toSchemeDetail(scheme, this.clock.today());
  }
}
