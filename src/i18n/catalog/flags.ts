// Legal flags in MANAGERS_CHANNEL: a positive test, a serious violation, and the correction
// posted under one whose record was undone or corrected.
export const zh = {
  'flag.seriousViolation': '⚠️ 严重违反协议：{client}（{community}）— 漏检或拒检累计 {count} 次：{dates}。请按《戒毒条例》第二十条、第二十一条处理。',
  'flag.mustReport': '⚠️ 尿检阳性：{client}（{community}）于 {date} 检测阳性，须及时报告公安机关。',
  'flag.retracted': '更正：上面关于 {client}（{date}）的提示已撤销——对应的记录已被撤销或更正。',
  'flag.waiting': '⚠️ 有 {count} 条法律提示（尿检阳性、严重违反协议）尚未发出：MANAGERS_CHANNEL 还没有设置。设置后重启阳光驿站，提示会立即发到该频道。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'flag.seriousViolation': '⚠️ Serious violation: {client} ({community}) — {count} missed or refused tests: {dates}. Handle under Drug Rehabilitation Regulations Art. 20–21.',
  'flag.mustReport': '⚠️ Positive urine test: {client} ({community}) tested positive on {date}; this must be reported to the police.',
  'flag.retracted': 'Correction: the notice above about {client} ({date}) is withdrawn — the record behind it was undone or corrected.',
  'flag.waiting': '⚠️ {count} legal flag notice(s) (positive tests, serious violations) have not been posted: MANAGERS_CHANNEL is not set. Set it and restart Sunshine Station, and they are posted at once.',
};
