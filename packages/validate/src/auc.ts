/**
 * Area under the ROC curve of scores for binary labels (1 = positive), by the Mann–Whitney
 * rank sum with midranks for ties: the probability that a random positive outscores a random
 * negative, ties counting one half. NaN when a class is missing.
 * @example
 * rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75 (scikit-learn's roc_auc_score docstring case)
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  let k = 0;
  while (k < n) {
    let end = k;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[k] as number]) end++;
    const midrank = (k + end) / 2 + 1;
    for (let t = k; t <= end; t++) {
      if (labels[order[t] as number] === 1) {
        positives++;
        rankSum += midrank;
      }
    }
    k = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
