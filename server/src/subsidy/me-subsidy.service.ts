/**
 * The resident's side: do I qualify (the engine's reasons in plain words), how to buy, my policies and the
 * subsidy of each with its state, and the bank account the subsidy goes to (masked; never returned whole).
 */
import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkEligibility, EngineError, getScheme, validatePerson } from '@huimin/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { maskBankAccount } from '../common/crypto/mask';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { ValidationFailedException } from '../common/validation/validation';
import { effectivePersonId } from '../coverage/effective-person';
import { PersonFactsService } from '../estimates/person-facts.service';
import { IdempotencyService, type IdempotentResult } from '../idempotency/idempotency.service';
import { Person } from '../people/person.entity';
import { checkAccountNumber } from './bank-account-number';
import { SubsidyBankAccount } from './entities/bank-account.entity';
import type { PayerPart, StoredReason } from './entities/subsidy.entity';
import { storedReasons } from './matching.service';
import { exec, bool, dateStr, parseJson } from './sql';
import { NEXT_STEP, STATUS_TEXT, type SubsidyStatus } from './subsidy-states';
import { MINHANG_SCHEME } from './subsidy-access';
import { howToBuy, type HowToBuy } from './how-to-buy';
import type { BankAccountDto } from './subsidy.dto';

export const ACCOUNT_CONTEXT = 'subsidy_bank_account.number';

export interface BankAccountView {
  bankName: string;
  holderName: string;
  accountMasked: string;
  confirmedAt: string;
}

export interface MySubsidyPolicy {
  policyNo: string;
  policyYear: number;
  purchaseDate: string;
  issueDate: string;
  groupPolicy: boolean;
  premium: string;
  subsidy: {
    decision: 'eligible' | 'refused' | 'pending';
    amount: string;
    status: SubsidyStatus | 'not_matched';
    statusText: string;
    nextStep: string;
    /** Why, in plain words (failed checks first), each with the clause it applied. */
    reasons: StoredReason[];
    failureReason: string | null;
    paidOn: string | null;
    /** Who pays it (区级财政 / 镇级财政 / 莘庄工业区), from the engine's split. */
    payers: PayerPart[] | null;
  };
}

export interface MySubsidyView {
  scheme: { id: string; name: string };
  today: string;
  qualify: { eligible: boolean; summary: string; reasons: StoredReason[] };
  howToBuy: HowToBuy;
  policies: MySubsidyPolicy[];
  bankAccount: BankAccountView | null;
}

@Injectable()
export class MeSubsidyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    private readonly audit: AuditService,
    private readonly facts: PersonFactsService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  private subject(user: AuthUser): number {
    if (user.role !== 'beneficiary' && user.actingForPersonId == null) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '“我的沪惠保补贴”只给参保人本人或其代办人使用；工作人员请从补贴名单查看' });
    }
    return effectivePersonId(user);
  }

  async mine(user: AuthUser): Promise<MySubsidyView> {
    const personId = this.subject(user);
    const loaded = await this.facts.load(personId);
    const today = this.clock.today();
    const scheme = getScheme(MINHANG_SCHEME);

    let qualify: MySubsidyView['qualify'];
    try {
      const e = checkEligibility(validatePerson(loaded.facts), MINHANG_SCHEME, today);
      const reasons = storedReasons(e.reasons);
      const failed = reasons.filter((r) => !r.ok);
      qualify = {
        eligible: e.eligible,
        summary: e.eligible
          ? `您属于补贴对象（${reasons.filter((r) => r.ok && r.code === 'CATEGORY_QUALIFIES').map((r) => r.message.replace(/^身份：/, '')).join('、')}）：本人通过闵行专用二维码购买“沪惠保”、保险公司出单后，每年补贴 129 元`
          : `按今天（${today}）的名单，您不在补贴范围内：${failed.map((r) => r.message).join('；')}`,
        reasons: [...failed, ...reasons.filter((r) => r.ok)],
      };
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      qualify = { eligible: false, summary: err.message, reasons: [{ ok: false, code: err.code, message: err.message }] };
    }

    const rows = (await this.ds.query(
      `SELECT p.policy_no AS policyNo, p.policy_year AS policyYear, p.purchase_date AS purchaseDate, p.issue_date AS issueDate, p.group_policy AS groupPolicy,
              p.premium AS premium, s.decision AS decision, s.amount AS amount, s.status AS status, s.reasons AS reasons, s.failure_reason AS failureReason,
              s.paid_on AS paidOn, s.payers AS payers
         FROM \`huhuibao_policy\` p LEFT JOIN \`huhuibao_subsidy\` s ON s.policy_id = p.id
        WHERE p.person_id = ? ORDER BY p.policy_year DESC, p.purchase_date DESC, p.id DESC`,
      [personId],
    )) as Record<string, unknown>[];
    const money = (v: unknown) => (v == null ? '0.00' : typeof v === 'number' ? v.toFixed(2) : String(v));
    const policies: MySubsidyPolicy[] = rows.map((r) => {
      const status = (r.status == null ? 'not_matched' : String(r.status)) as SubsidyStatus | 'not_matched';
      const reasons = parseJson<StoredReason[]>(r.reasons) ?? [];
      return {
        policyNo: String(r.policyNo),
        policyYear: Number(r.policyYear),
        purchaseDate: dateStr(r.purchaseDate)!,
        issueDate: dateStr(r.issueDate)!,
        groupPolicy: bool(r.groupPolicy),
        premium: money(r.premium),
        subsidy: {
          decision: r.decision == null ? 'pending' : (String(r.decision) as 'eligible' | 'refused'),
          amount: money(r.amount),
          status,
          statusText: status === 'not_matched' ? '待比对' : STATUS_TEXT[status],
          nextStep: status === 'not_matched' ? '保险公司已出单，区民政局比对名单后告知是否补贴' : NEXT_STEP[status],
          reasons: [...reasons.filter((x) => !x.ok), ...reasons.filter((x) => x.ok)],
          failureReason: r.failureReason == null ? null : String(r.failureReason),
          paidOn: dateStr(r.paidOn),
          payers: parseJson<PayerPart[]>(r.payers),
        },
      };
    });
    return {
      scheme: { id: scheme.id, name: scheme.name },
      today,
      qualify,
      howToBuy: howToBuy(today),
      policies,
      bankAccount: await this.account(personId),
    };
  }

  private async account(personId: number): Promise<BankAccountView | null> {
    const a = await this.ds.getRepository(SubsidyBankAccount).findOneBy({ personId });
    return a ? { bankName: a.bankName, holderName: a.holderName, accountMasked: a.accountMasked, confirmedAt: a.updatedAt.toISOString() } : null;
  }

  async setBankAccount(user: AuthUser, dto: BankAccountDto, key: string | undefined): Promise<IdempotentResult<BankAccountView & { subsidiesReady: number }>> {
    const personId = this.subject(user);
    const person = await this.ds.getRepository(Person).findOneOrFail({ where: { id: personId }, select: { id: true, name: true } });
    const errors: { field: string; message: string }[] = [];
    const check = checkAccountNumber(dto.accountNumber);
    if (!check.ok) errors.push({ field: 'accountNumber', message: check.message! });
    const holder = dto.holderName.replace(/\s+/g, '');
    if (holder !== person.name.replace(/\s+/g, '')) errors.push({ field: 'holderName', message: '账户名须为本人姓名：补贴只能转入被保险人本人的银行账户' });
    const bankName = dto.bankName.trim();
    if (!/^[\u3400-\u9fffA-Za-z（）()·\s]{2,32}$/.test(bankName)) errors.push({ field: 'bankName', message: '开户银行请写银行名称，如 上海农商银行 闵行支行' });
    if (errors.length) throw new ValidationFailedException(errors);
    return this.idempotency.run(
      {
        userId: user.userId,
        scope: 'subsidy.bank_account',
        key,
        // Never the number itself, not even hashed plainly: a keyed hash (a bare SHA-256 of a card number can be guessed).
        request: { personId, account: this.pii.lookupHash(check.digits, ACCOUNT_CONTEXT), bankName, holderName: holder },
      },
      async (m) => {
        const repo = m.getRepository(SubsidyBankAccount);
        const values = {
          bankName,
          holderName: person.name,
          accountEnc: this.pii.encrypt(check.digits, ACCOUNT_CONTEXT),
          accountMasked: maskBankAccount(check.digits),
          confirmedByUserId: user.userId,
        };
        const cur = await repo.findOneBy({ personId });
        if (cur) await repo.update({ id: cur.id }, values);
        else await repo.insert({ personId, ...values });
        const ready = await exec(m, "UPDATE `huhuibao_subsidy` SET status = 'ready' WHERE person_id = ? AND status = 'awaiting_account'", [personId]);
        await this.audit.recordAct(
          user,
          { action: 'subsidy.bank_account.confirm', entity: 'subsidy_bank_account', entityId: personId, detail: { accountMasked: values.accountMasked, bankName, subsidiesReady: ready } },
          m,
        );
        const saved = await repo.findOneByOrFail({ personId });
        return {
          status: 201,
          body: { bankName: saved.bankName, holderName: saved.holderName, accountMasked: saved.accountMasked, confirmedAt: saved.updatedAt.toISOString(), subsidiesReady: ready },
        };
      },
    );
  }
}

