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
  /** scikit-learn's SVR() (the paper's SVR): sklearn.svm.SVR(kernel='rbf', C=1, epsilon=0.1, gamma='scale', tol=1e-3). */
  svr: {
    C: 1,
    epsilon: 0.1,
    gamma: 'scale',
    tolerance: 1e-3,
    shrinking: true,
    /** MB; scikit-learn's cache_size. */
    cacheSize: 200,
  },
  /** scikit-learn's RandomForestRegressor(): fully grown CART trees on bootstrap samples, all features at each split. */
  forest: {
    trees: 100,
    /** null: grow until the leaves are pure or too small to split. */
    maxDepth: null,
    minSamplesSplit: 2,
    minSamplesLeaf: 1,
    /** Features tried at each split: a fraction of them (1 = all), or 'sqrt' / 'log2' of their number. */
    maxFeatures: 1,
    bootstrap: true,
  },
  /**
   * The paper's NN_lin: Keras Dense(1) on the features, Adam(learning_rate=0.01), MSE loss, batch 32, epochs until
   * EarlyStopping(monitor='loss', min_delta=0.1, patience=8). maxEpochs caps a fit whatever the rule says.
   */
  nn_linear: { learningRate: 0.01, batchSize: 32, minDelta: 0.1, patience: 8, maxEpochs: 1000, backend: 'auto' },
  /** The paper's MLP: Dense(5, relu), Dense(2, relu), Dense(1), trained like nn_linear. */
  mlp: {
    hidden: [5, 2],
    learningRate: 0.01,
    batchSize: 32,
    minDelta: 0.1,
    patience: 8,
    maxEpochs: 1000,
    backend: 'auto',
  },
  /** A user's TensorFlow.js Layers model, fine-tuned like nn_linear (its own training config is not used). */
  pretrained: { learningRate: 0.01, batchSize: 32, minDelta: 0.1, patience: 8, maxEpochs: 1000, backend: 'auto' },
} as const;
