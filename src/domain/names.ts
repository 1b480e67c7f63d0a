/**
 * Names people type that the bot shows in shared places (an alias, a community's name): one line
 * of visible text. A newline could forge a line in a channel's list; control, zero-width and
 * bidirectional-override characters could hide or reorder what a channel shows; whitespace alone
 * names nothing. Pure.
 */

/** Line breaks and other control characters (C0, DEL, C1), line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** Zero-width characters, soft hyphen, word joiner and BOM, and the bidirectional marks and overrides. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

export type NameProblem = 'blank' | 'control' | 'invisible';

/** Why `name` cannot be shown as typed, or null when it can. */
export function nameProblem(name: string): NameProblem | null {
  if (CONTROL.test(name)) return 'control';
  if (INVISIBLE.test(name)) return 'invisible';
  if (name.trim() === '') return 'blank';
  return null;
}
