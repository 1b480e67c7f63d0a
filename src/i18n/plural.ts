// Messages that name a count. English needs "1 client" but "2 clients"; Chinese has one form.
// Such a message is an object of forms by plural category (Intl.PluralRules), chosen by the
// `count` param — the one convention, so a reader knows which number decides.
import type { Locale } from '../domain/types.js';

export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** A catalog value: a template, or a template per plural category. */
export type Message = string | Plural;

const rules = new Map<Locale, Intl.PluralRules>();

/** The template of `message` for `count` in `locale` (`other` when count is missing). */
export function template(locale: Locale, message: Message, count: string | number | undefined): string {
  if (typeof message === 'string') return message;
  if (count === undefined) return message.other;
  let select = rules.get(locale);
  if (select === undefined) rules.set(locale, (select = new Intl.PluralRules(locale)));
  return message[select.select(Number(count))] ?? message.other;
}

/** Every template of a message (its forms, or itself). */
export function forms(message: Message): string[] {
  return typeof message === 'string' ? [message] : Object.values(message);
}
