import { Injectable } from '@nestjs/common';

/**
 * Whether `userId` may act for `personId` as a consented proxy (a family member or caseworker acting
 * for an elderly beneficiary). The default knows no proxies; the sign-in work replaces it with one
 * backed by proxy grants.
 */
@Injectable()
export class ProxyCheck {
  async mayActFor(_userId: number, _personId: number): Promise<boolean> {
    return false;
  }
}
