// Small Block Kit pieces of messages (status card, lists, App Home, privacy notices) and how a client is named in them.
import { escapeMrkdwn } from './text.js';

/** How a client is named anywhere outside its file: case number and alias only. */
export const clientLabel = (client: { caseNumber: string; alias: string }): string => `${client.caseNumber} ${client.alias}`;

/** The same inside mrkdwn, escaped so an alias cannot become a mention or a link. */
export const clientMrkdwn = (client: { caseNumber: string; alias: string }): string => escapeMrkdwn(clientLabel(client));

export const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });

export const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export const button = (actionId: string, text: string, value?: string) => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: text.slice(0, 75) },
  ...(value === undefined ? {} : { value }),
});

/** Slack's limit on a section's text. */
export const MAX_SECTION = 3000;

/**
 * Lines packed into as few sections as fit (≤ maxSections, each ≤ MAX_SECTION characters);
 * returns the sections and how many lines they hold.
 */
export function packLines(lines: string[], maxSections: number): { blocks: unknown[]; shown: number } {
  const blocks: unknown[] = [];
  let body = '';
  let shown = 0;
  for (const line of lines) {
    if (body !== '' && body.length + 1 + line.length > MAX_SECTION) {
      blocks.push(section(body));
      body = '';
      if (blocks.length >= maxSections) return { blocks, shown };
    }
    body = body === '' ? line.slice(0, MAX_SECTION) : `${body}\n${line}`;
    shown += 1;
  }
  if (body !== '') blocks.push(section(body));
  return { blocks, shown };
}
