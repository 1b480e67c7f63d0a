// Legal flags in MANAGERS_CHANNEL: a positive test, a serious violation (missed or refused tests,
// unauthorised absences), a late report-in, and the correction posted under one whose record was
// undone or corrected; the flags' one-line forms on the status card (flag.card.*). Each cites its
// article of the 《戒毒条例》; a late report-in that of the client's programme (Art. 14 社区戒毒,
// Art. 38 社区康复).
import type { Message } from '../plural.js';

export const zh = {
  'flag.seriousViolation': '⚠️ 严重违反协议：{client}（{community}）— 漏检或拒检累计 {count} 次：{dates}。请按《戒毒条例》第二十条、第二十一条处理。',
  'flag.absenceViolation': '⚠️ 严重违反协议：{client}（{community}）— 截至 {date}，擅自离开县（市、区）{count} 次，累计 {days} 日。请按《戒毒条例》第二十条、第二十一条处理。',
  'flag.lateReportIn.community_treatment': '⚠️ 未按时报到：{client}（{community}）— 社区戒毒决定 {decisionDate}，{reportedOn} 才报到，超过 {limit} 日。请按《戒毒条例》第十四条处理。',
  'flag.lateReportIn.community_rehab': '⚠️ 未按时报到：{client}（{community}）— 社区康复决定 {decisionDate}，{reportedOn} 才报到，超过 {limit} 日。请按《戒毒条例》第三十八条处理。',
  'flag.mustReport': '⚠️ 尿检阳性：{client}（{community}）于 {date} 检测阳性，须及时报告公安机关。',
  'flag.retracted': '更正：上面关于 {client}（{date}）的提示已撤销——对应的记录已被撤销或更正。',
  'flag.waiting': '⚠️ 有 {count} 条法律提示（尿检阳性、严重违反协议、未按时报到）尚未发出：MANAGERS_CHANNEL 还没有设置。设置后重启阳光驿站，提示会立即发到该频道。',
  'flag.card.absenceViolation': '⚠️ 严重违反协议：截至 {date} 擅自离开县（市、区）{count} 次，累计 {days} 日（《戒毒条例》第二十条、第二十一条）',
  'flag.card.lateReportIn.community_treatment': '⚠️ 未按时报到：{decisionDate} 决定，{reportedOn} 报到，超过 {limit} 日（《戒毒条例》第十四条）',
  'flag.card.lateReportIn.community_rehab': '⚠️ 未按时报到：{decisionDate} 决定，{reportedOn} 报到，超过 {limit} 日（《戒毒条例》第三十八条）',
  'flag.notReportedIn.community_treatment': '⚠️ 未按时报到：{client}（{community}）— 社区戒毒决定 {decisionDate}，超过 {limit} 日仍未报到。请按《戒毒条例》第十四条处理。',
  'flag.notReportedIn.community_rehab': '⚠️ 未按时报到：{client}（{community}）— 社区康复决定 {decisionDate}，超过 {limit} 日仍未报到。请按《戒毒条例》第三十八条处理。',
  'flag.card.notReportedIn.community_treatment': '⚠️ 未按时报到：{decisionDate} 决定，超过 {limit} 日仍未报到（《戒毒条例》第十四条）',
  'flag.card.notReportedIn.community_rehab': '⚠️ 未按时报到：{decisionDate} 决定，超过 {limit} 日仍未报到（《戒毒条例》第三十八条）',
} as const;

export const en: Record<keyof typeof zh, Message> = {
  'flag.seriousViolation': { one: '⚠️ Serious violation: {client} ({community}) — {count} missed or refused test: {dates}. Handle under Drug Rehabilitation Regulations Art. 20–21.', other: '⚠️ Serious violation: {client} ({community}) — {count} missed or refused tests: {dates}. Handle under Drug Rehabilitation Regulations Art. 20–21.' },
  // Days are never 1: a violation is 3 absences or more than 30 days.
  'flag.absenceViolation': {
    one: '⚠️ Serious violation: {client} ({community}) — as of {date}, left the county (district) without permission {count} time, {days} days in all. Handle under Drug Rehabilitation Regulations Art. 20–21.',
    other: '⚠️ Serious violation: {client} ({community}) — as of {date}, left the county (district) without permission {count} times, {days} days in all. Handle under Drug Rehabilitation Regulations Art. 20–21.',
  },
  'flag.lateReportIn.community_treatment': '⚠️ Late report-in: {client} ({community}) — community treatment decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later. Handle under Drug Rehabilitation Regulations Art. 14.',
  'flag.lateReportIn.community_rehab': '⚠️ Late report-in: {client} ({community}) — community rehabilitation decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later. Handle under Drug Rehabilitation Regulations Art. 38.',
  'flag.mustReport': '⚠️ Positive urine test: {client} ({community}) tested positive on {date}; this must be reported to the police.',
  'flag.retracted': 'Correction: the notice above about {client} ({date}) is withdrawn — the record behind it was undone or corrected.',
  'flag.waiting': { one: '⚠️ {count} legal flag notice (positive tests, serious violations, late report-ins) has not been posted: MANAGERS_CHANNEL is not set. Set it and restart Sunshine Station, and it is posted at once.', other: '⚠️ {count} legal flag notices (positive tests, serious violations, late report-ins) have not been posted: MANAGERS_CHANNEL is not set. Set it and restart Sunshine Station, and they are posted at once.' },
  'flag.card.absenceViolation': {
    one: '⚠️ Serious violation: left the county without permission {count} time, {days} days in all, as of {date} (Drug Rehabilitation Regulations Art. 20–21)',
    other: '⚠️ Serious violation: left the county without permission {count} times, {days} days in all, as of {date} (Drug Rehabilitation Regulations Art. 20–21)',
  },
  'flag.card.lateReportIn.community_treatment': '⚠️ Late report-in: decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later (Drug Rehabilitation Regulations Art. 14)',
  'flag.card.lateReportIn.community_rehab': '⚠️ Late report-in: decided on {decisionDate}, reported in on {reportedOn}, more than {limit} days later (Drug Rehabilitation Regulations Art. 38)',
  'flag.notReportedIn.community_treatment': '⚠️ Not reported in: {client} ({community}) — community treatment decided on {decisionDate}, not reported in after {limit} days. Handle under Drug Rehabilitation Regulations Art. 14.',
  'flag.notReportedIn.community_rehab': '⚠️ Not reported in: {client} ({community}) — community rehabilitation decided on {decisionDate}, not reported in after {limit} days. Handle under Drug Rehabilitation Regulations Art. 38.',
  'flag.card.notReportedIn.community_treatment': '⚠️ Not reported in: decided on {decisionDate}, not reported in after {limit} days (Drug Rehabilitation Regulations Art. 14)',
  'flag.card.notReportedIn.community_rehab': '⚠️ Not reported in: decided on {decisionDate}, not reported in after {limit} days (Drug Rehabilitation Regulations Art. 38)',
};
