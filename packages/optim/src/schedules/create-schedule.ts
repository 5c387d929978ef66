import { InputError, type Schedule } from '@losslens/core';
import { linearScalingRule, type LinearScalingConfig } from './linear-scaling.js';
import { constant, cosine, linearWarmup, stepDecay, type CosineConfig, type StepDecayConfig, type WarmupConfig } from './schedules.js';

/** A schedule as plain data (JSON, CLI flags, worker messages). */
export type ScheduleSpec =
  | { name: 'constant' }
  | ({ name: 'step' } & StepDecayConfig)
  | ({ name: 'cosine' } & CosineConfig)
  | ({ name: 'warmup' } & Omit<WarmupConfig, 'then'> & { then?: ScheduleSpec })
  | ({ name: 'linear-scaling' } & Omit<LinearScalingConfig, 'then'> & { then?: ScheduleSpec });

/** The schedule names {@link createSchedule} knows. */
export const scheduleNames = ['constant', 'step', 'cosine', 'warmup', 'linear-scaling'] as const;

/**
 * Builds a schedule from its plain-data description.
 * @example
 * const s = createSchedule({ name: 'warmup', epochs: 2, then: { name: 'cosine', totalEpochs: 20 } });
 */
export function createSchedule(spec: ScheduleSpec): Schedule {
  const { name, ...rest } = spec as ScheduleSpec & Record<string, unknown>;
  switch (name) {
    case 'constant':
      return constant();
    case 'step':
      return stepDecay(rest as unknown as StepDecayConfig);
    case 'cosine':
      return cosine(rest as CosineConfig);
    case 'warmup': {
      const { then, ...warm } = rest as Omit<WarmupConfig, 'then'> & { then?: ScheduleSpec };
      return linearWarmup(then === undefined ? warm : { ...warm, then: createSchedule(then) });
    }
    case 'linear-scaling': {
      const { then, ...scaling } = rest as unknown as Omit<LinearScalingConfig, 'then'> & { then?: ScheduleSpec };
      return linearScalingRule(then === undefined ? scaling : { ...scaling, then: createSchedule(then) });
    }
    default:
      throw new InputError('E_VALUE', `unknown schedule "${String(name)}"; choose one of ${scheduleNames.join(', ')}`);
  }
}
