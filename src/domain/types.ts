/**
 * Closed sets of the domain. These exact codes are stored in the database and used as Slack
 * option values, so they never change once released; labels live in the i18n catalogs.
 */
import type { LocalDate } from './dates.js';

/** 社区戒毒 / 社区康复 */
export const PROGRAMS = ['community_treatment', 'community_rehab'] as const;
export type Program = (typeof PROGRAMS)[number];

export const CLIENT_STATUSES = [
  'active',
  'on_leave',
  'suspended',
  'transferred_out',
  'completed',
  'terminated',
] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** Statuses that end a client's schedule for good. */
export const TERMINAL_STATUSES = ['transferred_out', 'completed', 'terminated'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: ClientStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly ClientStatus[]).includes(status);
}

export const VISIT_KINDS = ['home', 'office', 'phone', 'workplace', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** 临时救助 relief, job placement, 心理辅导 counselling, … */
export const HELP_KINDS = ['relief', 'job', 'counselling', 'medical', 'family', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** 阴性 / 阳性 / 拒检 */
export const URINE_RESULTS = ['negative', 'positive', 'refused'] as const;
export type UrineResult = (typeof URINE_RESULTS)[number];

export const STAFF_ROLES = ['worker', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Why a term ends before its end (终止, 《戒毒条例》 Art. 23, 40); matches the TerminationReason enum. */
export const TERMINATION_REASONS = ['prison_sentence', 'compulsory_isolation', 'death', 'other'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

/** The sub-district's prevention outreach settings, 宣传"十进", in the order the sub-district names them. */
export const OUTREACH_SETTINGS = ['school', 'workplace', 'family', 'venue', 'community', 'rural', 'cinema', 'online', 'construction_site', 'enterprise'] as const;
export type OutreachSetting = (typeof OUTREACH_SETTINGS)[number];

/** How an outreach event reached people (讲座、展览、文艺演出、发放宣传品、现场咨询、网络宣传…). */
export const OUTREACH_FORMATS = ['talk', 'exhibition', 'performance', 'leaflets', 'consultation', 'online_campaign', 'other'] as const;
export type OutreachFormat = (typeof OUTREACH_FORMATS)[number];

/**
 * The support team beyond the caseworker as a client file stores it: each member is a Slack
 * user or, for someone without Slack, a name.
 */
export interface SupportTeamColumns {
  policeUserId: string | null;
  policeName: string | null;
  gridWorkerUserId: string | null;
  gridWorkerName: string | null;
  volunteerUserId: string | null;
  volunteerName: string | null;
}

/** What every view of a client file opens with: who (case number and alias), where, and the term. */
export interface ClientHeading {
  caseNumber: string;
  alias: string;
  communityId: number;
  communityName: string;
  program: Program;
  /** The term's start: the original report-in of a transfer, else the report-in here. */
  termStart: LocalDate;
  /** Before any extension by suspension. */
  plannedTermEnd: LocalDate;
  /** Registered on the decision, not reported in yet: the decision date (no term runs); else null. */
  awaitingSince: LocalDate | null;
  /** Registered mid-term: followed from this day, nothing before it counts as missed; else null. */
  trackedFrom: LocalDate | null;
}

/** A client as a use case names them back to Slack: case number and alias only, never the file. */
export interface ClientRef {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
}
