/**
 * Accumulates the normal equations of a (weighted) ridge regression from
 * feature rows to one-hot class targets, then solves them: the readout of a
 * demo segmenter. Features are augmented with a constant 1 (the bias).
 */
export class NormalEquations {
  readonly dim: number;
  private readonly ata: Float64Array;
  private readonly atb: Float64Array;
  private readonly row: Float64Array;
  count = 0;

  constructor(features: number, readonly classes: number) {
    this.dim = features + 1;
    this.ata = new Float64Array(this.dim * this.dim);
    this.atb = new Float64Array(this.dim * classes);
    this.row = new Float64Array(this.dim);
  }

  /** Adds one sample: `get(j)` is feature j, `label` its class. Upper triangle only. */
  add(get: (j: number) => number, label: number): void {
    const { dim, row, ata, atb, classes } = this;
    for (let j = 0; j < dim - 1; j++) row[j] = get(j);
    row[dim - 1] = 1;
    for (let i = 0; i < dim; i++) {
      const ri = row[i];
      if (ri === 0) continue;
      const base = i * dim;
      for (let j = i; j < dim; j++) ata[base + j] += ri * row[j];
      atb[i * classes + label] += ri;
    }
    this.count++;
  }

  /**
   * Solves (AᵀA + λI) W = AᵀY by Cholesky, λ = `ridge` x mean diagonal.
   * Returns weights [classes][features] and biases [classes].
   */
  solve(ridge = 1e-4): { weights: Float32Array; bias: Float32Array } {
    const { dim, classes } = this;
    const a = Float64Array.from(this.ata);
    for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) a[i * dim + j] = a[j * dim + i];
    let trace = 0;
    for (let i = 0; i < dim; i++) trace += a[i * dim + i];
    const lambda = (ridge * trace) / dim;
    for (let i = 0; i < dim; i++) a[i * dim + i] += lambda;
    // Cholesky: a = L Lᵀ, L stored in the lower triangle.
    for (let j = 0; j < dim; j++) {
      let d = a[j * dim + j];
      for (let k = 0; k < j; k++) d -= a[j * dim + k] ** 2;
      const ljj = Math.sqrt(Math.max(d, 1e-12));
      a[j * dim + j] = ljj;
      for (let i = j + 1; i < dim; i++) {
        let s = a[i * dim + j];
        for (let k = 0; k < j; k++) s -= a[i * dim + k] * a[j * dim + k];
        a[i * dim + j] = s / ljj;
      }
    }
    const weights = new Float32Array(classes * (dim - 1));
    const bias = new Float32Array(classes);
    const z = new Float64Array(dim);
    for (let c = 0; c < classes; c++) {
      for (let i = 0; i < dim; i++) {
        let s = this.atb[i * classes + c];
        for (let k = 0; k < i; k++) s -= a[i * dim + k] * z[k];
        z[i] = s / a[i * dim + i];
      }
      for (let i = dim - 1; i >= 0; i--) {
        let s = z[i];
        for (let k = i + 1; k < dim; k++) s -= a[k * dim + i] * z[k];
        z[i] = s / a[i * dim + i];
      }
      for (let j = 0; j < dim - 1; j++) weights[c * (dim - 1) + j] = z[j];
      bias[c] = z[dim - 1];
    }
    return { weights, bias };
  }
}
