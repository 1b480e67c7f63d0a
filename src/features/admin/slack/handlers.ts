// The admin subcommands of `/caseload`: read the words, call the use cases, reply in the
// asker's language. Anything that does not parse gets the subcommand's usage line.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../../domain/access.js';
import { translator } from '../../../i18n/index.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import { helpText } from '../../../slack/caseload.js';
import { anyStaff } from '../../../slack/listeners.js';
import { nameLength, parseLocale, parseRole, parseUser, readName, showName, type UserRef } from './args.js';
import { MAX_COMMUNITY_NAME, communityNames, createCommunity, findCommunity, linkChannel, type CommunityRow } from '../communities.js';
import { addStaff, removeStaff, setLocale, staffList } from '../staff.js';
import { nameProblem } from '../../../domain/names.js';

const isAdmin = (actor: Actor) => actor.isAdmin;

/** How many existing names an "unknown community" reply lists. */
const NAMES_SHOWN = 20;

/** Tells the asker a community name is unknown, listing the names that exist. */
export async function unknownCommunity(request: CommandRequest, name: string): Promise<void> {
  const { t } = request;
  const { names, total } = await communityNames(request.ctx.prisma, NAMES_SHOWN);
  if (total === 0) return request.reply(t('admin.community.none'));
  const list = names.map(showName).join(t('admin.list.separator'));
  const params = { name: showName(name), names: list, total, shown: names.length };
  await request.reply(t(total > names.length ? 'admin.community.unknownMore' : 'admin.community.unknown', params));
}

/** The community named by `words`, or undefined after telling the asker which names exist. */
async function namedCommunity(request: CommandRequest, words: string[]): Promise<CommunityRow | undefined> {
  const name = readName(words);
  const community = await findCommunity(request.ctx.prisma, name);
  if (!community) await unknownCommunity(request, name);
  return community ?? undefined;
}

/** Their Slack name for a new staff row: from the mention, else users.info, else the id. */
async function displayName(client: WebClient, user: UserRef): Promise<string> {
  if (user.name) return user.name;
  try {
    const answer = await client.users.info({ user: user.userId });
    const u = answer.user;
    return u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || user.userId;
  } catch {
    return user.userId;
  }
}

export const help: Subcommand = {
  words: ['help'],
  usage: 'admin.help.usage',
  help: 'admin.help.help',
  allowed: anyStaff,
  async run(request) {
    await request.reply(helpText(request.t, request.actor, request.subcommands));
  },
};

export const lang: Subcommand = {
  words: ['lang'],
  usage: 'admin.lang.usage',
  help: 'admin.lang.help',
  changes: true,
  allowed: anyStaff,
  async run(request) {
    const locale = request.args.length === 1 ? parseLocale(request.args[0]) : undefined;
    if (!locale) return request.usage();
    await setLocale(request.ctx.prisma, request.actor, locale);
    // Said in the new language: the reply itself shows the choice worked.
    await request.reply(translator(locale)('admin.lang.done'));
  },
};

export const communityAdd: Subcommand = {
  words: ['community', 'add'],
  usage: 'admin.community.add.usage',
  help: 'admin.community.add.help',
  changes: true,
  allowed: isAdmin,
  async run(request) {
    const { t } = request;
    const name = readName(request.args);
    if (name === '') return request.usage();
    const length = nameLength(name);
    if (length > MAX_COMMUNITY_NAME) return request.reply(t('admin.community.add.tooLong', { max: MAX_COMMUNITY_NAME, length }));
    // Shown in channels and reports: one line of visible text.
    if (nameProblem(name)) return request.reply(t('admin.community.add.unsafe'));
    const result = await createCommunity(request.ctx.prisma, request.actor, name);
    await request.reply(
      result.ok
        ? t('admin.community.add.done', { name: showName(result.community.name) })
        : t('admin.community.add.duplicate', { name: showName(result.existing) }),
    );
  },
};

export const link: Subcommand = {
  words: ['link'],
  usage: 'admin.link.usage',
  help: 'admin.link.help',
  changes: true,
  allowed: isAdmin,
  async run(request) {
    const { t } = request;
    if (request.args.length === 0) return request.usage();
    // A DM is not a place a community's list can go to.
    if (request.channelId.startsWith('D')) return request.reply(t('admin.link.notInDm'));
    const community = await namedCommunity(request, request.args);
    if (!community) return;
    const name = showName(community.name);
    const result = await linkChannel(request.ctx.prisma, request.actor, community.id, request.channelId);
    if (result.kind === 'already') return request.reply(t('admin.link.already', { name }));
    if (result.kind === 'channelTaken') return request.reply(t('admin.link.channelTaken', { name, other: showName(result.other) }));
    await request.reply(
      result.previousChannelId
        ? t('admin.link.moved', { name, previous: result.previousChannelId })
        : t('admin.link.done', { name }),
    );
  },
};

export const staffAdd: Subcommand = {
  words: ['staff', 'add'],
  usage: 'admin.staff.add.usage',
  help: 'admin.staff.add.help',
  changes: true,
  allowed: isAdmin,
  async run(request) {
    const { t, ctx } = request;
    const user = parseUser(request.args[0]);
    const words = request.args.slice(1);
    if (!user || words.length === 0) return request.usage();
    // Community names may contain spaces: the longest leading words naming one are the
    // community, and what follows must be nothing or one role.
    let community: CommunityRow | null = null;
    let tail: string[] = [];
    for (let k = words.length; k >= 1 && !community; k--) {
      const name = readName(words.slice(0, k));
      if (nameLength(name) > MAX_COMMUNITY_NAME) continue; // no community has such a name
      community = await findCommunity(ctx.prisma, name);
      tail = words.slice(k);
    }
    if (!community) {
      const named = parseRole(words[words.length - 1]) && words.length > 1 ? words.slice(0, -1) : words;
      return unknownCommunity(request, readName(named));
    }
    const given = tail.length === 1 ? parseRole(tail[0]) : undefined;
    if (tail.length > 0 && !given) return request.usage();
    const result = await addStaff(ctx.prisma, request.actor, {
      slackUserId: user.userId,
      communityId: community.id,
      role: given,
      displayName: () => displayName(request.client, user),
    });
    const params = { user: user.userId, community: showName(community.name), role: t(`role.${result.role}`) };
    const lines = [t(result.joined ? 'admin.staff.add.done' : 'admin.staff.add.already', params)];
    if (result.previousRole) {
      lines.push(t('admin.staff.add.roleChanged', { user: user.userId, from: t(`role.${result.previousRole}`), to: params.role }));
    }
    await request.reply(lines.join('\n'));
  },
};

export const staffRemove: Subcommand = {
  words: ['staff', 'remove'],
  usage: 'admin.staff.remove.usage',
  help: 'admin.staff.remove.help',
  changes: true,
  allowed: isAdmin,
  async run(request) {
    const { t, ctx } = request;
    const user = parseUser(request.args[0]);
    if (!user) return request.usage();
    const words = request.args.slice(1);
    let community: CommunityRow | undefined;
    if (words.length > 0) {
      community = await namedCommunity(request, words);
      if (!community) return;
    }
    const result = await removeStaff(ctx.prisma, request.actor, { slackUserId: user.userId, communityId: community?.id });
    const who = { user: user.userId };
    switch (result.kind) {
      case 'notStaff':
        return request.reply(t('admin.staff.unknown', who));
      case 'notMember':
        return request.reply(t('admin.staff.remove.notMember', { ...who, community: showName(community!.name) }));
      case 'noMemberships':
        return request.reply(t('admin.staff.remove.noMemberships', who));
      case 'removed': {
        const communities = result.communities.map((n) => `*${showName(n)}*`).join(t('admin.list.separator'));
        const lines = [t('admin.staff.remove.done', { ...who, communities })];
        if (result.deactivated) lines.push(t('admin.staff.remove.deactivated', who));
        if (result.openCases > 0) lines.push(t('admin.staff.remove.openCases', { count: result.openCases }));
        return request.reply(lines.join('\n'));
      }
    }
  },
};

/** Communities listed at most in one reply (Slack's text limit); the rest are counted. */
const LISTED_COMMUNITIES = 100;

export const staffListCommand: Subcommand = {
  words: ['staff', 'list'],
  usage: 'admin.staff.list.usage',
  help: 'admin.staff.list.help',
  allowed: isAdmin,
  async run(request) {
    const { t, ctx } = request;
    let community: CommunityRow | undefined;
    if (request.args.length > 0) {
      community = await namedCommunity(request, request.args);
      if (!community) return;
    }
    const list = await staffList(ctx.prisma, ctx.config.adminUserIds, community?.id);
    const users = (ids: string[]) => (ids.length === 0 ? t('admin.staff.list.nobody') : ids.map((id) => `<@${id}>`).join(t('admin.list.separator')));
    const admins = list.admins.map((a) => (a.fromConfig ? `<@${a.userId}> ${t('admin.staff.list.fromConfig')}` : `<@${a.userId}>`));
    const lines = [t('admin.staff.list.admins', { users: admins.length === 0 ? t('admin.staff.list.nobody') : admins.join(t('admin.list.separator')) })];
    for (const c of list.communities.slice(0, LISTED_COMMUNITIES)) {
      lines.push(t('admin.staff.list.community', { community: showName(c.name), managers: users(c.managers), workers: users(c.workers) }));
    }
    if (list.communities.length > LISTED_COMMUNITIES) lines.push(t('admin.staff.list.more', { count: list.communities.length - LISTED_COMMUNITIES }));
    await request.reply(lines.join('\n'));
  },
};
