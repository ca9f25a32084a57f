import { Injectable } from '@nestjs/common';

/**
 * Whether `userId` may act for `personId` as a consented proxy (a family member or caseworker acting
 * for an elderly beneficiary). This default knows no proxies; AuthCoreModule binds the DB-backed
 * DbProxyCheck (proxy_grant) in its place.
 */
@Injectable()
export class ProxyCheck {
  /** The id of an active grant from `personId` to `userId`, or null. */
  async activeGrantId(_userId: number, _personId: number): Promise<number | null> {
    return null;
  }

  async mayActFor(userId: number, personId: number): Promise<boolean> {
    return (await this.activeGrantId(userId, personId)) !== null;
  }
}
