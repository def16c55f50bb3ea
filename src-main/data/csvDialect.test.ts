import { describe, expect, it } from 'vitest';
import { detectDialect, splitRecords } from './csvDialect.ts';

describe('detectDialect', () => {
  it('finds each delimiter', () => {
    expect(detectDialect('a,b,c\n1,2,3\n', true).delimiter).toBe(',');
    expect(detectDialect('a;b;c\n1;2;3\n', true).delimiter).toBe(';');
    expect(detectDialect('a\tb\tc\n1\t2\t3\n', true).delimiter).toBe('\t');
    expect(detectDialect('a|b|c\n1|2|3\n', true).delimiter).toBe('|');
  });

  it('prefers the delimiter that splits every line alike: a decimal comma makes "," ragged', () => {
    const d = detectDialect('x;y\n1,5;2\n3,25;4,5\n', true);
    expect(d.delimiter).toBe(';');
    expect(d.decimal).toBe('comma');
  });

  it('keeps the decimal point when the sample has one, and leaves integers undecided', () => {
    expect(detectDialect('x;y\n1.5;2\n', true).decimal).toBe('dot');
    expect(detectDialect('x;y\n1;2\n', true).decimal).toBe('undecided');
    expect(detectDialect('x,y\n1,2\n', true).decimal).toBe('dot');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDialect('name,note\n"Smith; J.","a; b"\n"Doe; K.","c"\n', true).delimiter).toBe(',');
  });

  it('reads the first line as data when it holds only unquoted numbers', () => {
    expect(detectDialect('1,2\n3,4\n', true).header).toBe(false);
    expect(detectDialect('"1990","1991"\n3,4\n', true).header).toBe(true);
    expect(detectDialect('a,2\n3,4\n', true).header).toBe(true);
  });

  it('marks columns the writer quoted as text only when it left others unquoted', () => {
    expect(detectDialect('"y","g"\n1.5,"308"\n2,"309"\n', true).quotedText).toEqual([false, true]);
    expect(detectDialect('"y","g"\n"1.5","308"\n"2","309"\n', true).quotedText).toEqual([false, false]);
    expect(detectDialect('"y","g"\n1.5,"308"\n2,\n', true).quotedText).toEqual([false, true]);
  });
});

describe('splitRecords', () => {
  it('reads RFC 4180 fields: doubled quotes, delimiters and line breaks inside quotes, CRLF, blank lines', () => {
    const records = splitRecords('a,b\r\n"x ""q"", y","line1\nline2"\r\n\r\n1,\n', ',', true);
    expect(records.map((r) => r.map((f) => f.text))).toEqual([
      ['a', 'b'],
      ['x "q", y', 'line1\nline2'],
      ['1', ''],
    ]);
    expect(records[1]!.every((f) => f.quoted)).toBe(true);
  });

  it('drops the last record of an incomplete sample', () => {
    expect(splitRecords('a,b\n1,2\n3,', ',', false)).toHaveLength(2);
    expect(splitRecords('a,b\n1,"open', ',', false)).toHaveLength(1);
  });
});
