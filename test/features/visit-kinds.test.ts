// The visit form's kinds follow the schedule rules: a phone call says it is not the monthly
// meeting only where the rules do not count it, so the form never contradicts its own hint.
import { describe, expect, it } from 'vitest';
import { buildVisitModal } from '../../src/features/visits/slack/modal.js';
import { translator } from '../../src/i18n/index.js';
import type { Json } from '../support/fake-slack.js';

const kindOptions = (countingKinds: ('home' | 'office' | 'phone' | 'workplace')[], locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const view = buildVisitModal(translator(locale), { today: '2026-12-03', metadata: '{}', countingKinds }) as unknown as Json;
  const kind = (view.blocks as Json[]).find((b) => b.block_id === 'kind')!;
  return Object.fromEntries(((kind.element as Json).options as Json[]).map((o) => [o.value, (o.text as Json).text]));
};
const kindHint = (countingKinds: ('home' | 'office' | 'phone' | 'workplace')[]) => {
  const view = buildVisitModal(translator('zh-CN'), { today: '2026-12-03', metadata: '{}', countingKinds }) as unknown as Json;
  return ((view.blocks as Json[]).find((b) => b.block_id === 'kind')!.hint as Json).text;
};

describe('the visit form’s kinds', () => {
  it('marks a phone call as not the monthly meeting under the default rules', () => {
    expect(kindOptions(['home', 'office', 'workplace']).phone).toBe('电话联系（不计入每月见面）');
    expect(kindOptions(['home', 'office', 'workplace'], 'en').phone).toBe('Phone call (not counted as the monthly meeting)');
  });

  it('names a phone call plainly where the rules count it', () => {
    expect(kindOptions(['home', 'office', 'phone', 'workplace']).phone).toBe('电话联系');
    expect(kindOptions(['home', 'phone'], 'en').phone).toBe('Phone call');
    expect(kindOptions(['home', 'phone']).home).toBe('家访');
  });

  it('lists the counting kinds in the hint by their plain names', () => {
    expect(kindHint(['home', 'phone'])).toBe('计入每月见面的方式：家访、电话联系。其他方式照常记录，但不算本月的见面。');
  });
});
