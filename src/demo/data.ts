// The demo sub-district as plain data, from a seed and a day: the 12 communities of Xiaoying
// sub-district (小营街道), 22 caseworkers with placeholder Slack ids, about 150 clients with
// pseudonymous aliases across both programmes and every status, and six months of visits,
// check-ins and tests with the gaps real casework has. Clearly fake: every case number starts
// with DEMO-, every Slack id with U0DEMO. Pure: the same seed and day give the same data.
import { addDays, addMonths, compareDates, type LocalDate } from '../domain/dates.js';
import { prng } from '../domain/prng.js';
import type { ClientStatus, Program, UrineResult, VisitKind } from '../domain/types.js';

export const DEMO_CASE_PREFIX = 'DEMO-';
export const DEMO_USER_PREFIX = 'U0DEMO';

/** The 12 communities of 小营街道, 上城区, 杭州. */
export const DEMO_COMMUNITIES = ['小营巷', '马市街', '紫金', '老浙大', '大学路', '葵巷', '茅廊巷', '金钱巷', '梅花碑', '长明寺巷', '姚园寺巷', '西牌楼'] as const;

export interface DemoStaff {
  slackUserId: string;
  displayName: string;
  role: 'worker' | 'manager';
  /** Indexes into DEMO_COMMUNITIES. */
  communities: number[];
}

export interface DemoRecord {
  date: LocalDate;
  /** A visit's kind; absent for a check-in. */
  kind?: VisitKind;
  urine?: UrineResult;
}

export interface DemoClient {
  caseNumber: string;
  alias: string;
  community: number;
  caseworker: string;
  program: Program;
  termStart: LocalDate;
  termMonths: number;
  /** The status now, and since when (for anything but active). */
  status: ClientStatus;
  statusFrom: LocalDate | null;
  statusUntil: LocalDate | null;
  records: DemoRecord[];
}

export interface DemoSubDistrict {
  staff: DemoStaff[];
  clients: DemoClient[];
}


const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
/** 化名 as caseworkers write them: a surname, 某, and a distinguishing character. */
const ALIAS_TAIL = '甲乙丙丁戊己庚辛壬癸';

/** Caseworkers of the whole sub-district: two in the larger communities, one in the others; one manager. */
function staffOf(pick: () => number): DemoStaff[] {
  const staff: DemoStaff[] = [];
  let n = 0;
  const person = (role: DemoStaff['role'], communities: number[]) => {
    n += 1;
    const name = `${SURNAMES[Math.floor(pick() * SURNAMES.length)]}${GIVEN[Math.floor(pick() * GIVEN.length)]}（演示）`;
    staff.push({ slackUserId: `${DEMO_USER_PREFIX}${String(n).padStart(3, '0')}`, displayName: name, role, communities });
  };
  person('manager', DEMO_COMMUNITIES.map((_, i) => i));
  // 21 caseworkers over 12 communities: the first nine have two.
  DEMO_COMMUNITIES.forEach((_, i) => {
    person('worker', [i]);
    if (i < 9) person('worker', [i]);
  });
  return staff;
}

const STATUSES: [ClientStatus, number][] = [
  ['active', 0.8],
  ['on_leave', 0.05],
  ['suspended', 0.04],
  ['completed', 0.04],
  ['terminated', 0.03],
  ['transferred_out', 0.04],
];

function statusOf(pick: () => number): ClientStatus {
  let r = pick();
  for (const [status, share] of STATUSES) {
    if ((r -= share) < 0) return status;
  }
  return 'active';
}

/** Records of one client from `from` to `today`: most months met, some missed, a few positives. */
function recordsOf(pick: () => number, from: LocalDate, today: LocalDate, until: LocalDate): DemoRecord[] {
  const records: DemoRecord[] = [];
  const last = compareDates(until, today) < 0 ? until : today;
  for (let month = from; compareDates(month, last) <= 0; month = addMonths(month, 1)) {
    const day = (max: number) => {
      const d = addDays(month, Math.floor(pick() * max));
      return compareDates(d, last) > 0 ? last : d;
    };
    // A face-to-face visit most months; now and then only a phone call.
    if (pick() < 0.85) {
      const kinds: VisitKind[] = ['home', 'home', 'office', 'workplace', 'phone'];
      records.push({ date: day(28), kind: kinds[Math.floor(pick() * kinds.length)]! });
    }
    // The monthly check-in, with a urine test most of the time.
    if (pick() < 0.9) {
      const r = pick();
      const urine: UrineResult | undefined = r < 0.02 ? 'positive' : r < 0.03 ? 'refused' : r < 0.75 ? 'negative' : undefined;
      records.push({ date: day(20), ...(urine ? { urine } : {}) });
    }
  }
  return records;
}

/** The demo sub-district as of `today`. */
export function demoSubDistrict(today: LocalDate, seed = 20261204): DemoSubDistrict {
  const pick = prng(seed);
  const staff = staffOf(pick);
  const workersOf = (community: number) => staff.filter((s) => s.role === 'worker' && s.communities.includes(community));
  const clients: DemoClient[] = [];
  const sixMonthsAgo = addMonths(today, -6);
  for (let i = 0; i < 150; i++) {
    const community = i % DEMO_COMMUNITIES.length;
    const workers = workersOf(community);
    const program: Program = pick() < 0.6 ? 'community_treatment' : 'community_rehab';
    const termMonths = program === 'community_rehab' && pick() < 0.3 ? 24 : 36;
    // Report-in dates from last week back to a little before the term would end; a completed
    // client served the whole term, to the day before completion (《戒毒条例》 Art. 23, 40).
    let termStart = addDays(today, -7 - Math.floor(pick() * (termMonths * 30 - 30)));
    const status = statusOf(pick);
    let statusFrom = status === 'active' ? null : addDays(today, -Math.floor(pick() * 60) - 1);
    if (status === 'completed' && statusFrom !== null) termStart = addMonths(statusFrom, -termMonths);
    // A status changes within the term.
    if (statusFrom !== null && compareDates(statusFrom, termStart) < 0) statusFrom = termStart;
    const statusUntil = status === 'on_leave' ? addDays(today, 3 + Math.floor(pick() * 20)) : null;
    const from = compareDates(termStart, sixMonthsAgo) > 0 ? termStart : sixMonthsAgo;
    const recordsUntil = statusFrom !== null && status !== 'on_leave' ? addDays(statusFrom, -1) : today;
    const records = recordsOf(pick, from, today, recordsUntil);
    // Every community has casework this week: one visit today for its first client.
    if (i < DEMO_COMMUNITIES.length && status === 'active') records.push({ date: today, kind: 'home', urine: 'negative' });
    const surname = SURNAMES[i % SURNAMES.length]!;
    clients.push({
      caseNumber: `${DEMO_CASE_PREFIX}${String(i + 1).padStart(3, '0')}`,
      alias: `${surname}某${ALIAS_TAIL[Math.floor(i / SURNAMES.length) % ALIAS_TAIL.length]}`,
      community,
      caseworker: workers[i % workers.length]!.slackUserId,
      program,
      termStart,
      termMonths,
      status,
      statusFrom,
      statusUntil,
      records: records.filter((r) => compareDates(r.date, termStart) >= 0),
    });
  }
  // The first client of each community stays active, so every community has this week's visit.
  for (let c = 0; c < DEMO_COMMUNITIES.length; c++) {
    const first = clients[c]!;
    if (first.status !== 'active') {
      Object.assign(first, { status: 'active', statusFrom: null, statusUntil: null });
      first.records.push({ date: today, kind: 'home', urine: 'negative' });
    }
  }
  return { staff, clients };
}
