// The order of factor levels: R sorts them with the collation of its locale (en_US.UTF-8 on a usual install),
// not byte order, so "a" < "B" < "c" and "308" < "309" < "31". Intl's en-US collation matches it for the
// letters, digits and punctuation of real data; byte order breaks the remaining ties so the order is total.
const collator = new Intl.Collator('en-US');

export function compareLevels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortLevels(levels: Iterable<string>): string[] {
  return [...levels].sort(compareLevels);
}
