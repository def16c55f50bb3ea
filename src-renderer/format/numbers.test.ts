import { describe, expect, it } from 'vitest';
import { formatApa, formatCell, formatElapsed, formatNumber } from './numbers.ts';

describe('number formats', () => {
  it('shows four significant digits and marks what is missing', () => {
    expect(formatNumber(41.626743651399)).toBe('41.63');
    expect(formatNumber(0.172211797750038)).toBe('0.1722');
    expect(formatNumber(-0.0185450273290088)).toBe('\u22120.01855');
    expect(formatNumber(0.000496593287794898)).toBe('0.0004966');
    expect(formatNumber(24678.1771948467)).toBe('24678');
    expect(formatNumber(3e-9)).toBe('3.000e\u22129');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(211)).toBe('211');
  });

  it('follows APA: two decimals, three for small values, a true minus', () => {
    expect(formatApa(41.626743651399)).toBe('41.63');
    expect(formatApa(-0.0185450273290088)).toBe('\u22120.019');
    expect(formatApa(3758)).toBe('3758');
  });

  it('shows cells and elapsed time compactly', () => {
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
    expect(formatCell(12)).toBe('12');
    expect(formatCell('a')).toBe('a');
    expect(formatCell(null)).toBe('');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });
});
