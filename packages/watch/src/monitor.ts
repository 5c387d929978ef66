/** Which way a monitored quantity improves, with Keras's and tfjs's `auto` rule. */

/** `min`: lower is better (losses); `max`: higher is better (accuracies). */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * The direction of `monitor`: `auto` means `max` when the name contains `acc` (tfjs-layers' rule;
 * Keras also reads `auc`), else `min`.
 * @example
 * monitorDirection('val_acc', 'auto'); // 'max'
 */
export function monitorDirection(monitor: string, mode: MonitorMode = 'auto'): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  return /acc|auc/.test(monitor) ? 'max' : 'min';
}

/** The value of `monitor` in an epoch's logs, or undefined (Keras warns and skips the epoch). */
export function monitored(logs: Record<string, number>, monitor: string, caller: string, warn: (message: string) => void): number | undefined {
  const value = logs[monitor];
  if (value === undefined) {
    warn(`${caller}: the epoch logs have no "${monitor}" (available: ${Object.keys(logs).join(', ') || 'none'}); skipped`);
    return undefined;
  }
  return value;
}
