// Pinyin of an alias, computed when the alias is saved, so caseworkers can find 赵某甲 by
// typing `zhao`, `zhaomoujia` or `zmj` (typing Chinese on a phone is slow). pinyin-pro ships
// its dictionary in the package: no network, no native code.
import { pinyin } from 'pinyin-pro';

export interface AliasPinyin {
  /** Full pinyin without tones or spaces, lower case: 赵某甲 → zhaomoujia. */
  aliasPinyin: string;
  /** First letters: 赵某甲 → zmj. */
  aliasInitials: string;
}

export function aliasPinyin(alias: string): AliasPinyin {
  const syllables = pinyin(alias, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const initials = pinyin(alias, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return { aliasPinyin: clean(syllables), aliasInitials: clean(initials) };
}
