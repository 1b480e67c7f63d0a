// The client file (个人档案): the status card of the status feature, the status history (who,
// when, from/to, why) and whether the reader may change anything. Reading it is audited as a
// `client.read` via 'file' (by clientStatus).
import type { Prisma } from '../../db/client.js';
import { fromDbDate } from '../../db/dates.js';
import { canWriteCommunity, type Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { ClientStatus, TerminationReason } from '../../domain/types.js';
import { clientStatus, type ClientStatusView } from '../status/index.js';
import { HISTORY_SHOWN } from './ids.js';

export interface HistoryEntry {
  status: ClientStatus;
  previousStatus: ClientStatus | null;
  startsOn: LocalDate;
  endsOn: LocalDate | null;
  reason: string;
  receivingPlace: string | null;
  terminationReason: TerminationReason | null;
  /** Slack user id of whoever recorded it. */
  recordedBy: string;
}

export interface ClientFile {
  status: ClientStatusView;
  /** Newest first, at most HISTORY_SHOWN. */
  history: HistoryEntry[];
  /** More changes than shown. */
  moreHistory: number;
  /** Client.version: status and team forms are based on it. */
  version: number;
  /** The reader may change status and team. */
  canChange: boolean;
}

export type ClientFileResult = { ok: true; file: ClientFile } | { ok: false; reason: 'notFound' | 'notAllowed' };

export async function clientFile(prisma: Prisma, actor: Actor, clientId: number, today: LocalDate, rules: ScheduleRules): Promise<ClientFileResult> {
  const read = await clientStatus(prisma, actor, clientId, today, rules, 'file');
  if (!read.ok) return read;
  const [client, rows, total] = await Promise.all([
    prisma.client.findUniqueOrThrow({ where: { id: clientId }, select: { version: true } }),
    prisma.clientStatusPeriod.findMany({
      where: { clientId },
      orderBy: [{ startsOn: 'desc' }, { id: 'desc' }],
      take: HISTORY_SHOWN,
      include: { recordedBy: { select: { slackUserId: true } } },
    }),
    prisma.clientStatusPeriod.count({ where: { clientId } }),
  ]);
  const history = rows.map((r) => ({
    status: r.status,
    previousStatus: r.previousStatus,
    startsOn: fromDbDate(r.startsOn),
    endsOn: r.endsOn ? fromDbDate(r.endsOn) : null,
    reason: r.reason,
    receivingPlace: r.receivingPlace,
    terminationReason: r.terminationReason,
    recordedBy: r.recordedBy.slackUserId,
  }));
  return {
    ok: true,
    file: { status: read.status, history, moreHistory: total - history.length, version: client.version, canChange: canWriteCommunity(actor, read.status.communityId) },
  };
}
