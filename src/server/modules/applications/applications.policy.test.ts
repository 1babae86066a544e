import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from '../../../shared/schemas/settings.js';
import type { ApplicationKind } from '../../../shared/enums.js';
import type { ApplicationData, MemberEntry } from '../../../shared/schemas/applications.js';
import type { OrgWarning } from '../../../shared/schemas/orgs.js';
import { applicationChainOf } from '../../../shared/schemas/settings.js';
import { applicationChecks, blockingErrors, chainFor, deadlineOf, hasWarnings, REQUIRED_ATTACHMENTS, type CheckInput } from './applications.policy.js';

// A complete filing as the applicant sends it: 20 listed individual members (the default threshold, seed 004), a
// charter naming the leader, the purpose and the activities, and every required file.
const CHARTER = '第一条 本队负责人为张三。第二条 宗旨：服务社区居民。第三条 活动内容：健身操晨练。';
const people = (n: number, kind: MemberEntry['kind'] = 'individual'): MemberEntry[] => Array.from({ length: n }, (_, i) => ({ name: `成员${i + 1}`, kind }));

function input(over: { kind?: ApplicationKind; data?: Partial<ApplicationData>; org?: ApplicationData['org']; attachmentKinds?: string[]; registryWarnings?: OrgWarning[]; dueUncertain?: boolean; workflow?: CheckInput['workflow'] } = {}): CheckInput {
  const members = over.data?.members ?? people(20);
  const org = over.org ?? { name: '仓口社区健身队', leaderName: '张三', individualMembers: members.filter((m) => m.kind === 'individual').length, unitMembers: members.filter((m) => m.kind === 'unit').length };
  return {
    kind: over.kind ?? 'filing',
    data: { charter: CHARTER, ...over.data, members, org },
    attachmentKinds: over.attachmentKinds ?? [...REQUIRED_ATTACHMENTS],
    workflow: over.workflow ?? DEFAULT_WORKFLOW,
    registryWarnings: over.registryWarnings ?? [],
    dueUncertain: over.dueUncertain ?? false,
  };
}

const codes = (i: CheckInput) => applicationChecks(i).map((c) => c.code);
const levelOf = (i: CheckInput, code: string) => applicationChecks(i).find((c) => c.code === code)?.level;

describe('member thresholds (seed 004: 个人会员 20 人以上或单位会员 10 个以上, per the district setting)', () => {
  it('warns at 19 individual members and no units, not at 20', () => {
    expect(levelOf(input({ data: { members: people(19) } }), 'members_below_threshold')).toBe('warning');
    expect(codes(input({ data: { members: people(20) } }))).not.toContain('members_below_threshold');
  });

  it('warns at 9 unit members and no individuals, not at 10', () => {
    expect(levelOf(input({ data: { members: people(9, 'unit') } }), 'members_below_threshold')).toBe('warning');
    expect(codes(input({ data: { members: people(10, 'unit') } }))).not.toContain('members_below_threshold');
  });

  it('is met by either threshold alone: 10 units with 19 individuals pass, 9 units with 19 individuals do not', () => {
    expect(codes(input({ data: { members: [...people(19), ...people(10, 'unit')] } }))).not.toContain('members_below_threshold');
    expect(codes(input({ data: { members: [...people(19), ...people(9, 'unit')] } }))).toContain('members_below_threshold');
  });

  it('counts the larger of the declared figure and the list, and says the figures in the message', () => {
    const declared = input({ data: { members: people(5) }, org: { name: '队', leaderName: '张三', individualMembers: 20, unitMembers: 0 } });
    expect(codes(declared)).not.toContain('members_below_threshold');
    // The list and the declared figure disagree: shown to the reviewer, without asking for a reason.
    expect(levelOf(declared, 'member_list_mismatch')).toBe('info');
    const short = applicationChecks(input({ data: { members: people(19) } })).find((c) => c.code === 'members_below_threshold')!;
    expect(short.message).toBe('会员不足：个人会员 19 人、单位会员 0 个（一般应有个人会员 20 人以上或单位会员 10 个以上）');
  });

  it('follows the district’s thresholds', () => {
    const workflow = { ...DEFAULT_WORKFLOW, memberThresholds: { individual: 10, unit: 5 } };
    expect(codes(input({ workflow, data: { members: people(10) } }))).not.toContain('members_below_threshold');
    expect(codes(input({ workflow, data: { members: people(9) } }))).toContain('members_below_threshold');
    expect(codes(input({ workflow, data: { members: people(5, 'unit') } }))).not.toContain('members_below_threshold');
    expect(codes(input({ workflow, data: { members: people(4, 'unit') } }))).toContain('members_below_threshold');
  });

  it('does not apply to a change or a deregistration', () => {
    expect(codes(input({ kind: 'filing_change', data: { members: [], reason: '更换负责人' } }))).not.toContain('members_below_threshold');
    expect(codes(input({ kind: 'filing_deregistration', data: { members: [], reason: '自行解散' } }))).not.toContain('members_below_threshold');
  });
});

describe('the charter (seed 004: 章程写明名称、宗旨、活动内容、负责人)', () => {
  it('passes a charter naming the leader, the purpose and the activities', () => {
    expect(codes(input()).filter((c) => c.startsWith('charter'))).toEqual([]);
  });

  it('warns for each missing part', () => {
    expect(levelOf(input({ data: { charter: '宗旨：服务居民。活动：晨练。' } }), 'charter_no_leader')).toBe('warning');
    expect(levelOf(input({ data: { charter: '负责人张三。活动：晨练。' } }), 'charter_no_purpose')).toBe('warning');
    expect(levelOf(input({ data: { charter: '负责人张三。宗旨：服务居民。' } }), 'charter_no_activities')).toBe('warning');
    expect(applicationChecks(input({ data: { charter: '宗旨：服务居民。活动：晨练。' } })).find((c) => c.code === 'charter_no_leader')!.message).toBe('章程中未写明负责人（张三）');
  });

  it('takes 业务范围 for the activities', () => {
    expect(codes(input({ data: { charter: '负责人张三。宗旨：服务居民。业务范围：文艺演出。' } }))).not.toContain('charter_no_activities');
  });

  it('does not look for a leader the application does not name', () => {
    expect(codes(input({ org: { name: '队', individualMembers: 20, unitMembers: 0 }, data: { charter: '宗旨：服务居民。活动：晨练。' } }))).not.toContain('charter_no_leader');
  });

  it('blocks a missing or blank charter', () => {
    for (const charter of [null, '', '   ']) {
      const checks = applicationChecks(input({ data: { charter } }));
      expect(checks.find((c) => c.code === 'charter_missing')?.level).toBe('error');
      // Nothing to read, so nothing to warn about.
      expect(checks.filter((c) => c.code.startsWith('charter_no_'))).toEqual([]);
    }
  });
});

describe('warnings make the reviewer’s opinion mandatory', () => {
  it('has no warnings for a complete filing', () => {
    expect(hasWarnings(applicationChecks(input()))).toBe(false);
  });

  it('counts the threshold, the charter and the registry’s warnings, but not info entries', () => {
    expect(hasWarnings(applicationChecks(input({ data: { members: people(19) } })))).toBe(true);
    expect(hasWarnings(applicationChecks(input({ data: { charter: '负责人张三。活动：晨练。' } })))).toBe(true);
    const similar: OrgWarning = { code: 'similar_org', message: '本社区已有同类组织：仓口社区健身队', orgs: [{ id: 7, name: '仓口社区健身队' }] };
    const checks = applicationChecks(input({ registryWarnings: [similar] }));
    expect(checks.find((c) => c.code === 'similar_org')).toEqual({ code: 'similar_org', level: 'warning', message: similar.message, orgs: similar.orgs });
    expect(hasWarnings(checks)).toBe(true);
    // An uncertain due date and a list that disagrees with the figures are shown, not weighed.
    const info = applicationChecks(input({ dueUncertain: true, data: { members: people(21) }, org: { name: '队', leaderName: '张三', individualMembers: 20, unitMembers: 0 } }));
    expect(info.map((c) => [c.code, c.level])).toEqual([
      ['member_list_mismatch', 'info'],
      ['due_uncertain', 'info'],
    ]);
    expect(hasWarnings(info)).toBe(false);
  });

  it('ignores the registry’s kind and same-kind warnings for a deregistration (the organization is leaving)', () => {
    const prohibited: OrgWarning = { code: 'prohibited_kind', message: '禁止类' };
    expect(codes(input({ kind: 'filing_deregistration', data: { reason: '自行解散' }, registryWarnings: [prohibited] }))).toEqual([]);
    expect(codes(input({ kind: 'filing_change', data: { reason: '更名' }, registryWarnings: [prohibited] }))).toEqual(['prohibited_kind']);
  });
});

describe('blocking errors (stop a submission)', () => {
  it('names every required file that is missing', () => {
    const checks = applicationChecks(input({ attachmentKinds: ['charter'] }));
    expect(blockingErrors(checks).map((c) => c.code)).toEqual(['attachment_leader_id', 'attachment_venue_proof', 'attachment_member_list']);
    expect(blockingErrors(applicationChecks(input()))).toEqual([]);
  });

  it('asks a direct registration for its registration type, a filing not', () => {
    expect(blockingErrors(applicationChecks(input({ kind: 'registration' }))).map((c) => c.code)).toEqual(['registration_type']);
    expect(blockingErrors(applicationChecks(input({ kind: 'registration', data: { registrationType: '城乡社区服务类' } })))).toEqual([]);
  });

  it('asks a change and a deregistration for their reason', () => {
    expect(applicationChecks(input({ kind: 'registration_change', data: { reason: ' ' } }))).toContainEqual({ code: 'reason_missing', level: 'error', message: '请填写变更原因' });
    expect(applicationChecks(input({ kind: 'registration_deregistration' }))).toContainEqual({ code: 'reason_missing', level: 'error', message: '请填写注销原因' });
    expect(blockingErrors(applicationChecks(input({ kind: 'filing_change', data: { reason: '更换负责人' } })))).toEqual([]);
  });

  it('does not block on warnings: they are the reviewer’s to weigh', () => {
    expect(blockingErrors(applicationChecks(input({ data: { members: people(1), charter: '章程' } })))).toEqual([]);
  });
});

describe('the chain an application follows', () => {
  const filing = applicationChainOf(DEFAULT_WORKFLOW);
  const withDistrict = applicationChainOf({ ...DEFAULT_WORKFLOW, filingSteps: 'community_street_district' });

  it('takes a filing at a community (5) or a grid (6) through the whole filing chain', () => {
    expect(chainFor('filing', 5, filing)).toEqual(['community', 'street']);
    expect(chainFor('filing_change', 6, withDistrict)).toEqual(['community', 'street', 'district']);
  });

  it('skips the community pre-review for a filing at a street (4)', () => {
    expect(chainFor('filing', 4, filing)).toEqual(['street']);
    expect(chainFor('filing_deregistration', 4, withDistrict)).toEqual(['street', 'district']);
  });

  it('sends every registration kind to the district window, wherever the organization is', () => {
    for (const kind of ['registration', 'registration_change', 'registration_deregistration'] as const) {
      for (const level of [3, 4, 5, 6]) expect(chainFor(kind, level, withDistrict)).toEqual(['district']);
    }
  });

  it('gives a filing step its own limit and a registration the registration window (seed 003: 20 working days)', () => {
    expect(deadlineOf('filing', 'community', filing)).toBe(5);
    expect(deadlineOf('filing', 'street', filing)).toBe(10);
    expect(deadlineOf('filing_change', 'district', filing)).toBe(10);
    expect(deadlineOf('registration', 'district', filing)).toBe(20);
    expect(deadlineOf('registration_change', 'district', { deadlines: { ...filing.deadlines, registration: 30 } })).toBe(30);
  });
});
