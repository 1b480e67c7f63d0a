// The dry-run report in the admin's DM, and what it becomes once applied: the report's lines as
// plain text (cells of the file are shown, never read as mrkdwn), split into sections Slack
// accepts, with the Apply button when there is something to write. A report too long for one
// message is cut, and the whole of it goes along as a text file.
import type { Translate } from '../../../i18n/index.js';
import type { Counts } from '../../../import/plan.js';
import { IMPORT_APPLY } from '../ids.js';

/** Slack's limit for a section's text is 3,000 characters. */
const SECTION_CHARS = 2900;
/** Sections of report lines in one message, leaving room for the rest (50 blocks at most). */
const MAX_SECTIONS = 12;

export interface ReportMessage {
  text: string;
  blocks: unknown[];
  /** Set when the report was cut: the whole of it, for a file. */
  full?: string;
}

/** Report lines in sections of at most SECTION_CHARS; `cut` counts the lines left out. */
function sections(lines: string[]): { texts: string[]; cut: number } {
  const texts: string[] = [];
  let current = '';
  let i = 0;
  for (; i < lines.length; i += 1) {
    const line = lines[i]!.length > SECTION_CHARS ? `${lines[i]!.slice(0, SECTION_CHARS - 1)}…` : lines[i]!;
    if (current !== '' && current.length + 1 + line.length > SECTION_CHARS) {
      if (texts.length + 1 === MAX_SECTIONS) break;
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') texts.push(current);
  return { texts, cut: lines.length - i };
}

const plain = (text: string) => ({ type: 'section', text: { type: 'plain_text', text, emoji: false } });

/**
 * The report (`report`: importReport's text, summary line first) as a message; with the Apply
 * button for `pendingId` when `apply` says what it will write.
 */
export function reportMessage(t: Translate, report: string, apply?: { pendingId: number; counts: Counts; fileName: string }): ReportMessage {
  const [summary = '', ...rest] = report.split('\n');
  const { texts, cut } = sections(rest);
  const blocks: unknown[] = [plain(summary), ...texts.map(plain)];
  if (cut > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('imports.report.cut', { count: cut }) }] });
  if (apply) {
    blocks.push({
      type: 'actions',
      block_id: IMPORT_APPLY,
      elements: [
        {
          type: 'button',
          action_id: IMPORT_APPLY,
          style: 'primary',
          text: { type: 'plain_text', text: t('imports.apply.button') },
          value: String(apply.pendingId),
          confirm: {
            title: { type: 'plain_text', text: t('imports.apply.confirm.title') },
            text: { type: 'plain_text', text: t('imports.apply.confirm.text', { ...apply.counts, file: apply.fileName.slice(0, 200) }) },
            confirm: { type: 'plain_text', text: t('imports.apply.button') },
            deny: { type: 'plain_text', text: t('imports.apply.confirm.deny') },
          },
        },
      ],
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('imports.apply.hint') }] });
  }
  return { text: summary.slice(0, 3000), blocks, ...(cut > 0 ? { full: report } : {}) };
}
