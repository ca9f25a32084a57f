import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ProxyGrant } from './entities/proxy-grant.entity';
import { ProxyCheck } from './proxy-check';

/** Proxies as recorded in proxy_grant: a grant counts while it is not revoked. */
@Injectable()
export class DbProxyCheck extends ProxyCheck {
  constructor(@InjectRepository(ProxyGrant) private readonly grants: Repository<ProxyGrant>) {
    super();
  }

  override async activeGrantId(userId: number, personId: number): Promise<number | null> {
    if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(personId)) return null;
    const g = await this.grants.findOne({
      where: { granteeUserId: userId, personId, revokedAt: IsNull() },
      select: { id: true },
      order: { id: 'ASC' },
    });
    return g?.id ?? null;
  }
}
