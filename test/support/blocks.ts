// Reading Block Kit the way a person reads Slack: the texts in order, the buttons, a modal's
// input by block_id, and a section's fields as label → value.
import type { Json } from './fake-slack.js';

/** The block with this block_id in a view or message. */
export const block = (view: Json, id: string): Json | undefined => (view.blocks as Json[]).find((b) => b.block_id === id);

/** Every text a person would read in some blocks, in order. */
export function textsOf(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Json)) {
        if (key === 'text' && typeof child === 'string') found.push(child);
        else walk(child);
      }
    }
  };
  walk(blocks);
  return found;
}

/** The buttons of some blocks: action_id and value. */
export function buttonsOf(blocks: Json[]): { action_id: string; value?: string }[] {
  const buttons: Json[] = [];
  for (const b of blocks) {
    if (b.accessory?.type === 'button') buttons.push(b.accessory as Json);
    for (const element of (b.elements as Json[] | undefined) ?? []) if (element.type === 'button') buttons.push(element);
  }
  return buttons.map((b) => ({ action_id: String(b.action_id), ...(b.value === undefined ? {} : { value: String(b.value) }) }));
}

/** The sections that have fields (the counts of a community, of the total). */
export const fieldSections = (blocks: Json[]): Json[] => blocks.filter((b) => b.type === 'section' && b.fields);

/** A section's fields as label → value ("*在册*\n4 (±0)" → { 在册: "4 (±0)" }). */
export function fieldsOf(section: Json): Record<string, string> {
  return Object.fromEntries((section.fields as Json[]).map((f) => String(f.text).replace(/^\*(.*?)\*\n/s, '$1\n').split('\n') as [string, string]));
}
