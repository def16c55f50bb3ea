import { describe, expect, it } from 'vitest';
import { MISSING, NON_FINITE, parseCell, TEXT, type DecimalMode } from './cellParser.ts';

const parse = (text: string, mode: DecimalMode = 'dot') => parseCell(text, { mode });

describe('parseCell', () => {
  it('reads the missing-value tokens as missing', () => {
    for (const t of ['', 'NA', '.', '  ', ' NA ', '\t']) expect(parse(t), JSON.stringify(t)).toBe(MISSING);
  });

  it('reads the numbers R reads, blanks around them included', () => {
    expect(parse('1.5')).toBe(1.5);
    expect(parse(' -2 ')).toBe(-2);
    expect(parse('+3e-2')).toBe(0.03);
    expect(parse('.5')).toBe(0.5);
    expect(parse('5.')).toBe(5);
    expect(parse('007')).toBe(7);
    expect(parse('0x1A')).toBe(26);
  });

  it('treats forms R does not read as numbers as text', () => {
    for (const t of ['0b101', '0o17', '1.2.3', 'abc', '1,5', '12a', 'NA_']) expect(parse(t), t).toBe(TEXT);
  });

  it('flags the non-finite literals instead of reading them', () => {
    for (const t of ['Inf', '-Inf', '+inf', 'NaN', 'nan', 'Infinity', '-Infinity']) {
      expect(parse(t), t).toBe(NON_FINITE);
    }
  });

  it('reads a decimal comma only when the file allows it, and an undecided file then decides for comma', () => {
    expect(parse('1,5', 'comma')).toBe(1.5);
    expect(parse('-0,25', 'comma')).toBe(-0.25);
    expect(parse('1,5', 'dot')).toBe(TEXT);
    const state = { mode: 'undecided' as DecimalMode };
    expect(parseCell('2,75', state)).toBe(2.75);
    expect(state.mode).toBe('comma');
    expect(parse('1.234,5', 'comma')).toBe(TEXT);
  });
});
