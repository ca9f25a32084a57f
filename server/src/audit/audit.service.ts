import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditInput {
  actorUserId: number | null;
  onBehalfOfPersonId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown> | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Record an event; pass the transaction's manager so the event commits or rolls back with the change. */
  async record(input: AuditInput, manager?: EntityManager): Promise<AuditEvent> {
    const repo = manager ? manager.getRepository(AuditEvent) : this.events;
    return repo.save(
      repo.create({
        actorUserId: input.actorUserId,
        onBehalfOfPersonId: input.onBehalfOfPersonId ?? null,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId == null ? null : String(input.entityId),
        detail: input.detail ?? null,
      }),
    );
  }
}
