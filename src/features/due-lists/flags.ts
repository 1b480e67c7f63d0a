// Legal flags (《戒毒条例》 Art. 20–21) told to MANAGERS_CHANNEL once per event: a positive test
// (must be reported to the police) and a serious violation (missed + refused tests reach the
// threshold in a term). Only clients who could have a flag are looked at in full: those with a
// positive or refused test, or with a test overdue today.
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { LocalDate } from '../../domain/dates.js';
import { compliance, dueItems, type LegalFlag } from '../../domain/schedule.js';
import { translator } from '../../i18n/index.js';
import { escapeMrkdwn } from '../../slack/text.js';
import { isUniqueViolation } from '../../db/idempotency.js';
import type { DueJobDeps } from './job.js';
import type { DueClient } from './list.js';
import { slackErrorCode } from './slack-errors.js';

export async function notifyLegalFlags(deps: DueJobDeps, clients: DueClient[], today: LocalDate, communityNames: ReadonlyMap<number, string>): Promise<number> {
  if (clients.length === 0) return 0;
  const ids = clients.map((c) => c.id);
  const marked = await deps.prisma.urineTest.findMany({
    where: { clientId: { in: ids }, deletedAt: null, result: { in: ['positive', 'refused'] } },
    select: { clientId: true },
    distinct: ['clientId'],
  });
  const candidates = new Set(marked.map((m) => m.clientId));
  for (const client of clients) {
    if (dueItems(client.facts, today, deps.rules).some((i) => i.kind === 'urineTest' && i.state === 'overdue')) candidates.add(client.id);
  }
  if (candidates.size === 0) return 0;
  const tests = await deps.prisma.urineTest.findMany({
    where: { clientId: { in: [...candidates] }, deletedAt: null, date: { lte: toDbDate(today) } },
    select: { clientId: true, date: true, result: true },
  });
  const testsOf = new Map<number, { date: LocalDate; result: 'negative' | 'positive' | 'refused' }[]>();
  for (const test of tests) {
    const list = testsOf.get(test.clientId) ?? [];
    list.push({ date: fromDbDate(test.date), result: test.result });
    testsOf.set(test.clientId, list);
  }
  let told = 0;
  for (const client of clients) {
    if (!candidates.has(client.id)) continue;
    const { flags } = compliance({ ...client.facts, tests: testsOf.get(client.id) ?? [] }, today, deps.rules);
    for (const flag of flags) {
      if (await tell(deps, client, flag, communityNames.get(client.communityId) ?? '')) told += 1;
    }
  }
  return told;
}

async function tell(deps: DueJobDeps, client: DueClient, flag: LegalFlag, communityName: string): Promise<boolean> {
  let noticeId: number;
  try {
    const notice = await deps.prisma.legalFlagNotice.create({
      data: { clientId: client.id, key: flag.key, kind: flag.kind, raisedOn: toDbDate(flag.raisedOn), channelId: deps.config.managersChannel ?? null },
    });
    noticeId = notice.id;
  } catch (error) {
    if (isUniqueViolation(error)) return false; // told already, by this or another instance
    throw error;
  }
  const channel = deps.config.managersChannel;
  if (!channel) return false;
  const t = translator(deps.config.defaultLocale);
  const who = escapeMrkdwn(`${client.caseNumber} ${client.alias}`);
  const community = escapeMrkdwn(communityName);
  const text =
    flag.kind === 'mustReport'
      ? t('flag.mustReport', { client: who, community, date: flag.testDate })
      : t('flag.seriousViolation', { client: who, community, count: flag.causes.length, dates: flag.causes.map((c) => c.date).join(t('due.dateSeparator')) });
  try {
    const posted = await deps.slack.chat.postMessage({ channel, text });
    await deps.prisma.legalFlagNotice.update({ where: { id: noticeId }, data: { messageTs: String(posted.ts) } });
    return true;
  } catch (error) {
    deps.log.warn({ event: 'due.flag_post_failed', clientId: client.id, error: slackErrorCode(error) });
    // Let a later run try again.
    await deps.prisma.legalFlagNotice.delete({ where: { id: noticeId } });
    return false;
  }
}
