import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays } from '@huimin/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ClaimsReader } from '../claims/claims.reader';
import { ClaimsService } from '../claims/claims.service';
import { Clock } from '../common/clock';
import { AppUser } from '../users/app-user.entity';
import { UserDistrict } from '../users/user-district.entity';
import { DEMO_OPENIDS } from './demo';

/**
 * A few claims for the demo people, made through the real ClaimsService (so they carry real estimates,
 * checklists, deadlines, ledgers and timelines): 赵桂兰 one paid and one under review; 李秀英 one reported by
 * her caseworker for her and waiting for a document. Dates are relative to today; a step the rules refuse
 * (e.g. today is outside the scheme's years) is skipped with a log line, never faked.
 */
@Injectable()
export class DemoClaimsSeeder {
  private readonly logger = new Logger('DemoClaims');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly claims: ClaimsService,
    private readonly reader: ClaimsReader,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const users = this.ds.getRepository(AppUser);
    const beneficiary = async (key: keyof typeof DEMO_OPENIDS): Promise<AuthUser> => {
      const u = await users.findOneByOrFail({ wechatOpenid: DEMO_OPENIDS[key] });
      return { userId: u.id, role: 'beneficiary', personId: u.personId, districtIds: [], sessionId: 'demo-seed' };
    };
    const staff = async (username: string): Promise<AuthUser> => {
      const u = await users.findOneByOrFail({ username });
      const districtIds = (await this.ds.getRepository(UserDistrict).findBy({ userId: u.id })).map((d) => d.districtId);
      return { userId: u.id, role: u.role, personId: null, districtIds, sessionId: 'demo-seed' };
    };
    const today = this.clock.today();
    const day = (n: number) => addDays(today, -n);
    const key = () => `demo-${randomUUID()}`;
    let made = 0;
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        return true;
      } catch (e) {
        this.logger.warn(`demo claim skipped (${what}): ${(e as { response?: { message?: string } }).response?.message ?? (e as Error).message}`);
        return false;
      }
    };
    const acceptAll = async (cw: AuthUser, id: number) => {
      const c = await this.reader.detail(cw, id);
      for (const d of c.documents) await this.claims.reviewDocument(cw, id, d.documentId, { status: 'accepted' });
    };

    const zhao = await beneficiary('jincheng');
    const cwJc = await staff('cw-jincheng');
    const finance = await staff('finance');
    const inpatient = (selfPay: string, n: number, place: string) => ({
      schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: day(n), place, description: '住院治疗', facts: { selfPayAfterOthers: selfPay },
    });
    // 赵桂兰: paid, start to end.
    await step('赵桂兰 paid', async () => {
      const c = (await this.claims.report(zhao, inpatient('4200.00', 40, '高平市人民医院'), key())).body;
      await this.claims.transition(cwJc, c.id, { to: 'accepted' }, key());
      await acceptAll(cwJc, c.id);
      await this.claims.transition(cwJc, c.id, { to: 'approved' }, key());
      await this.claims.transition(finance, c.id, { to: 'paid', paymentRef: 'DEMO-BANK-0001' }, key());
      made++;
    });
    // 赵桂兰: documents complete, under review, due date running.
    await step('赵桂兰 under review', async () => {
      const c = (await this.claims.report(zhao, inpatient('1800.00', 6, '晋城市人民医院'), key())).body;
      await this.claims.transition(cwJc, c.id, { to: 'accepted' }, key());
      await acceptAll(cwJc, c.id);
      made++;
    });
    // 李秀英 (85): her caseworker reports for her (paper proxy consent), and asks for the discharge summary.
    await step('李秀英 waiting for documents', async () => {
      const li = await beneficiary('elderly');
      const c = (await this.claims.report(cwJc, { ...inpatient('2600.00', 12, '泽州县人民医院'), personId: li.personId! }, key())).body;
      await this.claims.transition(cwJc, c.id, { to: 'accepted' }, key());
      const first = c.documents[0].documentId;
      for (const d of c.documents.slice(1)) await this.claims.reviewDocument(cwJc, c.id, d.documentId, { status: 'received' });
      await this.claims.transition(cwJc, c.id, { to: 'waiting_documents', reason: `请补交：${c.documents[0].name}`, documentIds: [first] }, key());
      made++;
    });
    this.logger.log(`demo claims: ${made}`);
    return made;
  }
}
