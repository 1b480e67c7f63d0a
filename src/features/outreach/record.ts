// Logging an outreach event, and undoing it: plain data and an actor in, the saved event or the
// problems out (no Slack types). One event per submission (the submission key), audited in the
// same transaction; an undo soft-deletes it (the row stays for the audit trail).
import { canLogOutreach, type Actor } from '../../domain/access.js';
import { compareDates, type LocalDate } from '../../domain/dates.js';
import type { OutreachFormat, OutreachSetting } from '../../domain/types.js';
import { audit } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import { once } from '../../db/idempotency.js';
import type { FormInput } from '../../problems.js';
import type { Problem } from '../../problems.js';
import { OUTREACH_FORM, UNDO_MINUTES } from './ids.js';
import { parseForm } from './schema.js';

/** The community that ran an event; null for the whole sub-district. */
export type OutreachCommunity = { id: number; name: string } | null;

/** What the confirmation shows: never the notes. */
export interface SavedOutreach {
  id: number;
  community: OutreachCommunity;
  setting: OutreachSetting;
  date: LocalDate;
  title: string;
  formats: OutreachFormat[];
  audience: number;
}

export type OutreachResult = { ok: true; duplicate: false; event: SavedOutreach } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

export interface OutreachOptions {
  /** Today in TIMEZONE: later dates are refused (an event is logged once it took place). */
  today: LocalDate;
  now: Date;
  /** The submission's idempotency key, e.g. "view:<view.id>". */
  key: string;
}

/** The community chosen, if it exists and the actor may log for it (the same answer for both refusals). */
async function checkCommunity(prisma: Prisma, actor: Actor, communityId: number | null): Promise<OutreachCommunity | Problem> {
  const refused: Problem = { field: OUTREACH_FORM.community, key: 'outreach.error.communityNotAllowed' };
  if (!canLogOutreach(actor, communityId)) return refused;
  if (communityId === null) return null;
  const community = await prisma.community.findUnique({ where: { id: communityId }, select: { id: true, name: true } });
  return community ?? refused;
}

const isProblem = (value: OutreachCommunity | Problem): value is Problem => value !== null && 'key' in value;

export async function recordOutreach(prisma: Prisma, actor: Actor, input: FormInput, options: OutreachOptions): Promise<OutreachResult> {
  const { values, problems } = parseForm(input);
  if (values.date !== undefined && compareDates(values.date, options.today) > 0) {
    problems.push({ field: OUTREACH_FORM.date, key: 'outreach.error.dateFuture', params: { today: options.today } });
  }
  const community = values.community === undefined ? undefined : await checkCommunity(prisma, actor, values.community);
  if (community !== undefined && isProblem(community)) problems.push(community);
  if (problems.length > 0 || community === undefined || isProblem(community)) return { ok: false, problems };
  const v = values as Required<typeof values>;
  const saved = await once(prisma, options.key, 'outreach', async (tx) => {
    const event = await tx.outreachEvent.create({
      data: {
        communityId: community?.id ?? null,
        setting: v.setting,
        date: toDbDate(v.date),
        title: v.title,
        formats: v.format,
        audience: v.audience,
        partners: v.partners,
        notes: v.notes,
        recordedById: actor.staffId!,
        createdAt: options.now,
      },
    });
    await audit(tx, {
      actor: actor.userId,
      action: 'outreach.create',
      entity: 'outreach',
      entityId: event.id,
      communityId: community?.id ?? null,
      detail: { communityId: community?.id ?? null, setting: v.setting, date: v.date, formats: v.format, audience: v.audience },
    });
    return event;
  });
  if (saved.duplicate) return { ok: true, duplicate: true };
  const event: SavedOutreach = { id: saved.value!.id, community, setting: v.setting, date: v.date, title: v.title, formats: v.format, audience: v.audience };
  return { ok: true, duplicate: false, event };
}

export type UndoRefusal = 'notFound' | 'notAuthor' | 'notAllowed' | 'tooLate';
export type UndoOutreachResult = { ok: true; event: SavedOutreach } | { ok: false; reason: UndoRefusal };

const WINDOW_MS = UNDO_MINUTES * 60 * 1000;

/** Undo by its author only, within UNDO_MINUTES of saving, while they may still log for its community. Twice is the same as once. */
export async function undoOutreach(prisma: Prisma, actor: Actor, id: number, now: Date): Promise<UndoOutreachResult> {
  const row = await prisma.outreachEvent.findUnique({ where: { id }, include: { community: { select: { id: true, name: true } } } });
  if (!row) return { ok: false, reason: 'notFound' };
  if (row.recordedById !== actor.staffId) return { ok: false, reason: 'notAuthor' };
  if (!canLogOutreach(actor, row.communityId)) return { ok: false, reason: 'notAllowed' };
  const event: SavedOutreach = {
    id: row.id,
    community: row.community,
    setting: row.setting,
    date: fromDbDate(row.date),
    title: row.title,
    formats: row.formats,
    audience: row.audience,
  };
  // A second click (or a retry) finds it undone already: the same answer, nothing changes.
  if (row.deletedAt) return { ok: true, event };
  if (now.getTime() - row.createdAt.getTime() > WINDOW_MS) return { ok: false, reason: 'tooLate' };
  await prisma.$transaction(async (tx) => {
    const changed = await tx.outreachEvent.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now, deletedBy: actor.userId } });
    if (changed.count === 0) return; // a concurrent click won
    await audit(tx, {
      actor: actor.userId,
      action: 'outreach.undo',
      entity: 'outreach',
      entityId: id,
      communityId: row.communityId,
      detail: { communityId: row.communityId, setting: row.setting, date: event.date, audience: row.audience },
    });
  });
  return { ok: true, event };
}
