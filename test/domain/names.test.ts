import { describe, expect, it } from 'vitest';
import { nameProblem } from '../../src/domain/names.js';

describe('names shown in shared places', () => {
  it.each([
    ['赵某甲', null],
    ['Old Zheda 老浙大', null],
    ['a & <b> *c*', null],
    ['赵某\n甲', 'control'],
    ['赵某\r甲', 'control'],
    ['赵某\t甲', 'control'],
    ['赵某\u0085甲', 'control'],
    ['赵某\u2028甲', 'control'],
    ['赵\u200b某甲', 'invisible'],
    ['赵某\u200d甲', 'invisible'],
    ['\ufeff赵某甲', 'invisible'],
    ['赵某\u202e甲', 'invisible'],
    ['赵某\u2066甲\u2069', 'invisible'],
    ['赵某\u200f甲', 'invisible'],
    ['   ', 'blank'],
    ['\u3000', 'blank'],
  ])('%j → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});
