// The defaults of every learner, in one place (MATH.md section 7: they follow the seed paper so its tables reproduce).
// A learner's constructor merges its options over its entry here; reports print the merged options.

export const learnerDefaults = {
  linear: {
    /**
     * A column is collinear with the columns before it when its Householder diagonal |R_kk| is at most this fraction of
     * the column's norm: the tolerance of R's lm.fit (1e-7).
     */
    rankTolerance: 1e-7,
  },
} as const;
