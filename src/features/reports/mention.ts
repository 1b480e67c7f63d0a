// Reading a question put to the bot by mentioning it, in Chinese or English: `本周统计`,
// `上周 梅花碑`, `weekly counts last week`, `week 2026-W05 大学路`… Pure. The words that ask for
// counts and name a week are taken out; what is left names a community (or nothing: all the
// asker may see). A mention that asks for nothing we know is `null` (the caller answers help).
import { parseWeekWord, WEEK_LIKE, type WeekChoice } from './period.js';

export interface WeekQuestion {
  week: WeekChoice;
  /** A community name as typed, if any. */
  community?: string;
}

/** Longest first, so that "last week" is read before "last" and "week". */
const LAST = ['previous week', 'last week', '上一周', '上星期', '上周', 'last'];
const THIS = ['this week', '本星期', '这星期', '本周', '这周', 'this'];
const ASKING = ['weekly counts', 'weekly report', 'statistics', 'weekly', 'counts', 'count', 'stats', 'report', 'week', '统计', '周报', '数据', '情况'];

/** Small words around the community's name: "for Old Zheda", "梅花碑的", "怎么样". */
const FILLER = /^(?:(?:please|show|me|the|for|of|in|at|what|how|about|are|is|give)\s+)+|(?:\s+(?:please|for|of|in|at))+$|^(?:请|给我|看看|查询|查一下|看一下)+|(?:的|怎么样|如何|吗|呢|呀|一下)+$/gi;
const SLACK_TOKEN = /<[^>]*>/g;
const WEEK_ANYWHERE = new RegExp(WEEK_LIKE.source.slice(1, -1), 'gi');
const EDGE_PUNCTUATION = /^[\s,，.。!！?？:：;；、]+|[\s,，.。!！?？:：;；、]+$/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes `word` wherever it stands alone (English) or anywhere (Chinese has no spaces). */
function take(text: string, word: string): { found: boolean; rest: string } {
  const pattern = /^[a-z ]+$/.test(word) ? new RegExp(`(^|[^a-z0-9])${escape(word)}(?![a-z0-9])`, 'gi') : new RegExp(escape(word), 'g');
  const rest = text.replace(pattern, (_whole, before: string | undefined) => (typeof before === 'string' ? `${before} ` : ' '));
  return { found: rest !== text, rest };
}

export function parseMention(text: string): WeekQuestion | null {
  // Slack sends the mention itself (and any other) as <@U…>; &, < and > arrive escaped.
  let rest = ` ${text.replace(SLACK_TOKEN, ' ').replace(/&amp;/g, '&').replace(/\u3000/g, ' ')} `;
  let week: WeekChoice | undefined;
  let asked = false;
  const named = [...rest.matchAll(WEEK_ANYWHERE)];
  if (named.length > 1) return null;
  if (named.length === 1) {
    const choice = parseWeekWord(named[0]![0]);
    if (choice === undefined || choice === 'invalid') return null;
    week = choice;
    rest = rest.replace(named[0]![0], ' ');
  }
  for (const [words, choice] of [[LAST, { kind: 'last' }], [THIS, { kind: 'this' }]] as const) {
    for (const word of words) {
      const taken = take(rest, word);
      if (!taken.found) continue;
      if (week && week.kind !== choice.kind) return null; // "this week 2026-W05", "本周 上周"
      week = choice;
      rest = taken.rest;
    }
  }
  for (const word of ASKING) {
    const taken = take(rest, word);
    asked ||= taken.found;
    rest = taken.rest;
  }
  if (!week && !asked) return null;
  let community = rest.replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
  for (let before = ''; before !== community; ) {
    before = community;
    community = community.replace(FILLER, '').replace(EDGE_PUNCTUATION, '');
  }
  return community ? { week: week ?? { kind: 'this' }, community } : { week: week ?? { kind: 'this' } };
}
