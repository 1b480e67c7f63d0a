// Warnings (预警提示) in MANAGERS_CHANNEL: a positive test, a suspected serious violation (missed
// or refused tests, unauthorised absences), a late report-in, and the correction posted under one
// whose record was undone or corrected; their one-line forms on the status card (flag.card.*).
// The bot only knows what was recorded (a "missed" test may be one nobody logged), so each says
// what was recorded, what the 《戒毒条例》 asks, and what a person does next: verify, then report.
// A late report-in cites its programme's article (Art. 14 社区戒毒, Art. 38 社区康复).
import type { Message } from '../plural.js';

export const zh = {
  'flag.seriousViolation': '⚠️ 疑似严重违反社区戒毒（康复）协议：{client}（{community|community}）逃避或拒绝检测累计 {count} 次（{dates}），请核实后依《戒毒条例》第二十一条及时报告公安机关。',
  'flag.absenceViolation': '⚠️ 疑似严重违反社区戒毒（康复）协议：{client}（{community|community}）截至 {date|day}，已登记擅自离开所在县（市、区）{count} 次，累计 {days} 日（《戒毒条例》第二十条所列情形），请核实后依第二十一条及时报告公安机关。',
  'flag.lateReportIn.community_treatment': '⚠️ 未按时报到：{client}（{community|community}）社区戒毒决定日期为 {decisionDate|day}，登记的报到日期为 {reportedOn|day}，超过 {limit} 日。《戒毒条例》第十四条规定，无正当理由逾期不报到的，视为拒绝接受社区戒毒。请核实逾期原因；无正当理由的，及时报告公安机关。',
  'flag.lateReportIn.community_rehab': '⚠️ 未按时报到：{client}（{community|community}）社区康复决定日期为 {decisionDate|day}，登记的报到日期为 {reportedOn|day}，超过《戒毒条例》第三十八条规定的 {limit} 日。请核实逾期原因，并将情况告知公安机关。',
  'flag.mustReport': '⚠️ 尿检阳性：{client}（{community|community}）{date|day}的尿检登记为阳性。《戒毒条例》第二十一条规定，在社区戒毒（康复）期间又吸食、注射毒品的，应当及时向公安机关报告。请核实检测记录后及时报告。',
  'flag.retracted': '更正：上面关于 {client}（{date|day}）的预警提示已撤销——所依据的记录已被撤销或更正，无需再按该提示处理。',
  'flag.waiting': '⚠️ 有 {count} 条预警提示（尿检阳性、疑似严重违反协议、未按时报到）尚未发出：还没有设置负责人频道（MANAGERS_CHANNEL）。管理员设置后重启阳光驿站，提示会立即发到该频道。',
  'flag.card.absenceViolation': '⚠️ 疑似严重违反协议：截至 {date} 已登记擅自离开县（市、区）{count} 次，累计 {days} 日，请核实后报告公安机关（《戒毒条例》第二十条、第二十一条）',
  'flag.card.lateReportIn.community_treatment': '⚠️ 未按时报到：{decisionDate} 决定，{reportedOn} 报到，超过 {limit} 日，请核实原因（《戒毒条例》第十四条）',
  'flag.card.lateReportIn.community_rehab': '⚠️ 未按时报到：{decisionDate} 决定，{reportedOn} 报到，超过 {limit} 日，请核实原因（《戒毒条例》第三十八条）',
  'flag.notReportedIn.community_treatment': '⚠️ 未按时报到：{client}（{community|community}）社区戒毒决定日期为 {decisionDate|day}，已超过 {limit} 日仍未登记报到。《戒毒条例》第十四条规定，无正当理由逾期不报到的，视为拒绝接受社区戒毒。请核实：已报到的，用“记录报到”登记；确未报到的，及时报告公安机关。',
  'flag.notReportedIn.community_rehab': '⚠️ 未按时报到：{client}（{community|community}）社区康复决定日期为 {decisionDate|day}，已超过《戒毒条例》第三十八条规定的 {limit} 日仍未登记报到。请核实：已报到的，用“记录报到”登记；确未报到的，将情况告知公安机关。',
  'flag.card.notReportedIn.community_treatment': '⚠️ 未按时报到：{decisionDate} 决定，超过 {limit} 日仍未登记报到，请核实（《戒毒条例》第十四条）',
  'flag.card.notReportedIn.community_rehab': '⚠️ 未按时报到：{decisionDate} 决定，超过 {limit} 日仍未登记报到，请核实（《戒毒条例》第三十八条）',
} as const;

export const en: Record<keyof typeof zh, Message> = {
  'flag.seriousViolation': { one: '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: {client} ({community|community}) evaded or refused testing {count} time ({dates}). Please verify, then report to the police without delay under Drug Rehabilitation Regulations Art. 21.', other: '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: {client} ({community|community}) evaded or refused testing {count} times ({dates}). Please verify, then report to the police without delay under Drug Rehabilitation Regulations Art. 21.' },
  // Days are never 1: a violation is 3 absences or more than 30 days.
  'flag.absenceViolation': { one: '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: {client} ({community|community}) — as of {date|day}, {count} unauthorised absence from the county (district) is recorded, {days} days in all (a case listed in Drug Rehabilitation Regulations Art. 20). Please verify, then report to the police without delay under Art. 21.', other: '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: {client} ({community|community}) — as of {date|day}, {count} unauthorised absences from the county (district) are recorded, {days} days in all (a case listed in Drug Rehabilitation Regulations Art. 20). Please verify, then report to the police without delay under Art. 21.' },
  'flag.lateReportIn.community_treatment': '⚠️ Late report-in: {client} ({community|community}) — community drug treatment decided on {decisionDate|day}, report-in recorded on {reportedOn|day}, more than {limit} days later. Under Drug Rehabilitation Regulations Art. 14, failing to report in on time without good reason counts as refusing community drug treatment. Please find out why; without good reason, report it to the police.',
  'flag.lateReportIn.community_rehab': '⚠️ Late report-in: {client} ({community|community}) — community rehabilitation decided on {decisionDate|day}, report-in recorded on {reportedOn|day}, more than the {limit} days of Drug Rehabilitation Regulations Art. 38. Please find out why and inform the police.',
  'flag.mustReport': '⚠️ Positive urine test: {client} ({community|community}) — the test of {date|day} is recorded as positive. Under Drug Rehabilitation Regulations Art. 21, drug use during community drug treatment (rehabilitation) must be reported to the police without delay. Please verify the test record, then report it.',
  'flag.retracted': 'Correction: the warning above about {client} ({date|day}) is withdrawn — the record behind it was undone or corrected, so nothing needs to be done about it.',
  'flag.waiting': { one: '⚠️ {count} warning (positive tests, suspected serious breaches, late report-ins) has not been posted: the managers’ channel (MANAGERS_CHANNEL) is not set. Once an admin sets it and restarts Sunshine Station, it is posted at once.', other: '⚠️ {count} warnings (positive tests, suspected serious breaches, late report-ins) have not been posted: the managers’ channel (MANAGERS_CHANNEL) is not set. Once an admin sets it and restarts Sunshine Station, they are posted at once.' },
  'flag.card.absenceViolation': { one: '⚠️ Suspected serious breach: {count} unauthorised absence from the county, {days} days in all, recorded as of {date}; verify, then report to the police (Drug Rehabilitation Regulations Art. 20–21)', other: '⚠️ Suspected serious breach: {count} unauthorised absences from the county, {days} days in all, recorded as of {date}; verify, then report to the police (Drug Rehabilitation Regulations Art. 20–21)' },
  'flag.card.lateReportIn.community_treatment': '⚠️ Late report-in: decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later; find out why (Drug Rehabilitation Regulations Art. 14)',
  'flag.card.lateReportIn.community_rehab': '⚠️ Late report-in: decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later; find out why (Drug Rehabilitation Regulations Art. 38)',
  'flag.notReportedIn.community_treatment': '⚠️ Not reported in: {client} ({community|community}) — community drug treatment decided on {decisionDate|day}, no report-in recorded after {limit} days. Under Drug Rehabilitation Regulations Art. 14, failing to report in on time without good reason counts as refusing community drug treatment. Please verify: if the client did report in, log it with “Log check-in”; if not, report it to the police.',
  'flag.notReportedIn.community_rehab': '⚠️ Not reported in: {client} ({community|community}) — community rehabilitation decided on {decisionDate|day}, no report-in recorded after the {limit} days of Drug Rehabilitation Regulations Art. 38. Please verify: if the client did report in, log it with “Log check-in”; if not, inform the police.',
  'flag.card.notReportedIn.community_treatment': '⚠️ Not reported in: decided on {decisionDate}, no report-in recorded after {limit} days; verify (Drug Rehabilitation Regulations Art. 14)',
  'flag.card.notReportedIn.community_rehab': '⚠️ Not reported in: decided on {decisionDate}, no report-in recorded after {limit} days; verify (Drug Rehabilitation Regulations Art. 38)',
};
