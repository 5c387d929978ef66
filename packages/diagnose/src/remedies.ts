/**
 * What to do, per verdict, from the lecture (LECTURE.md §1), ranked: the first is what the
 * measurements point at most directly. Remedy runs the diagnosis already made (another
 * optimizer, a shallower start, early stopping, L2) are quoted with their numbers.
 */
import type { Measurements, RunSummary, Verdict } from './measurements.js';

const fmt = (x: number | undefined): string => (x === undefined ? 'n/a' : String(Number(x.toPrecision(3))));

const avg = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

const best = (runs: RunSummary[], roles: string[], key: 'train' | 'validation' | 'test' = 'train') =>
  runs
    .filter((r) => roles.includes(r.role) && !r.diverged && r[key] !== undefined)
    .sort((a, b) => (a[key] ?? Infinity) - (b[key] ?? Infinity))[0];

/**
 * The ranked remedies for a verdict, citing measured outcomes where a remedy was tried.
 * @example
 * remediesFor('model-bias', measurements)[0]; // 'Use a more flexible model: mlp:64x64:relu reaches …'
 */
export function remediesFor(verdict: Verdict, m: Measurements): string[] {
  const u = m.user;
  switch (verdict) {
    case 'model-bias': {
      const flex = best(m.others, ['wider', 'deeper', 'flexible']);
      return [
        flex
          ? `Use a more flexible model: ${flex.spec} reaches training loss ${fmt(flex.train)} (validation ${fmt(flex.validation)}) where ${u.spec} reaches ${fmt(u.train)}.`
          : 'Use a more flexible model: more neurons, more layers.',
        'Give the model more informative inputs (more features) if the target depends on something the data lacks.',
        'Then re-check: if the deeper/wider model trains worse than a shallower one, it becomes an optimization issue.',
      ];
    }
    case 'optimization': {
      const out: string[] = [];
      for (const r of m.health?.repairs.filter((x) => x.helped) ?? []) {
        out.push(`Fix the ${r.detector.replace(/-/g, ' ')}: ${r.description} (${r.spec}${r.clipNorm !== undefined ? `, clip norm ${r.clipNorm}` : ''}, lr ${fmt(r.learningRate)}) brought the validation loss from ${fmt(avg(r.before.validation))} to ${fmt(avg(r.after.validation))} on every one of seeds ${r.seeds.join(', ')}.`);
      }
      const longer = m.others.find((r) => r.role === 'longer' && !r.diverged && r.train < u.train);
      if (longer) {
        out.push(
          longer.optimizer === 'newton'
            ? `Train longer or with a stronger optimizer: a full-batch Newton fit of the same model reaches training loss ${fmt(longer.train)} (validation ${fmt(longer.validation)}) where your ${u.epochs} epochs reach ${fmt(u.train)}.`
            : `Train longer: ${longer.epochs} epochs reach training loss ${fmt(longer.train)} (validation ${fmt(longer.validation)}) where your ${u.epochs} reach ${fmt(u.train)}.`,
        );
      }
      if (u.diverged) out.push(`Lower the learning rate (training diverged at ${u.learningRate}) or clip gradients by norm.`);
      const shallow = best(m.others, ['shallower']);
      if (shallow && shallow.train < u.train) {
        out.push(`Start from a shallower network that is easy to optimize: ${shallow.spec} reaches training loss ${fmt(shallow.train)} (yours ${fmt(u.train)}); add depth only while the training loss keeps falling.`);
      }
      const opt = best(m.others, ['optimizer']);
      if (opt && opt.train < u.train) {
        out.push(`Switch optimizer: ${opt.label} reaches training loss ${fmt(opt.train)} on the same model (yours ${fmt(u.train)} with ${u.optimizer} at ${u.learningRate}).`);
      } else {
        out.push('Try an adaptive optimizer (Adam) or momentum, and a learning-rate schedule with warmup.');
      }
      if (m.gradientFlow !== undefined && m.gradientFlow.firstToLast < 1e-3) {
        out.push('Fix vanishing gradients: ReLU-family activations instead of sigmoid/tanh, residual connections, normalization, He initialization.');
      }
      if (m.critical !== undefined && m.critical.kind === 'saddle-point') {
        out.push('Training stalls at a saddle point: smaller batches (noisier gradients) or momentum help escape; the escape direction is in the evidence.');
      }
      out.push('Train longer if the training loss is still falling at the last epoch.');
      return out;
    }
    case 'overfitting': {
      const out: string[] = [];
      const es = best(m.others, ['early-stopping'], 'validation');
      const reg = best(m.others, ['regularized'], 'validation');
      if (es) out.push(`Early stopping: validation loss ${fmt(es.validation)}${es.test !== undefined ? `, test ${fmt(es.test)}` : ''} (without: ${fmt(u.validation)}${u.test !== undefined ? `, test ${fmt(u.test)}` : ''}).`);
      if (reg) out.push(`Regularization (${reg.label}): validation loss ${fmt(reg.validation)}${reg.test !== undefined ? `, test ${fmt(reg.test)}` : ''} (without: ${fmt(u.validation)}).`);
      out.push('Collect more training data, or use data augmentation that keeps labels true.');
      out.push('Use a simpler or more constrained model: fewer parameters, shared parameters (e.g. a CNN for images), fewer features, dropout — without so many constraints that model bias returns.');
      return out;
    }
    case 'mismatch':
      return [
        `Find out how the test data were produced: they come from a different distribution than the training data${m.shift?.drivers.length ? ` (most different: ${m.shift.drivers.slice(0, 3).join(', ')})` : ''}.`,
        'Collect training data that cover the test conditions; more data of the same kind will NOT help.',
        'Augmentation only helps if it simulates the actual shift.',
      ];
    case 'healthy':
      return [
        'Nothing to fix: training and held-out losses are both small. Keep the test set untouched for the final estimate.',
        'To squeeze out more, compare a few candidates with N-fold cross validation (losslens cv) and pick the smallest mean validation loss.',
      ];
  }
}
