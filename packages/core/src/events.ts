/**
 * The progress/event channel that long work reports through and apps subscribe to
 * (the CLI draws a bar, the web app a progress element).
 */

/** One progress report: `done` of `total` units of `task`, with an optional message. */
export interface ProgressEvent {
  type: 'progress';
  task: string;
  done: number;
  total: number;
  message?: string;
}

/** A named stage starting or finishing, e.g. `{ type: 'stage', name: 'hessian', state: 'start' }`. */
export interface StageEvent {
  type: 'stage';
  name: string;
  state: 'start' | 'end';
  message?: string;
}

/** A note worth showing the user (a warning that does not stop the work). */
export interface NoteEvent {
  type: 'note';
  level: 'info' | 'warn';
  message: string;
}

export type LensEvent = ProgressEvent | StageEvent | NoteEvent;
export type Listener = (event: LensEvent) => void;

/** A synchronous publish/subscribe channel. */
export interface EventChannel {
  emit(event: LensEvent): void;
  /** Subscribes; returns the function that unsubscribes. */
  on(listener: Listener): () => void;
}

/**
 * Creates an event channel.
 * @example
 * const events = createEventChannel();
 * const off = events.on((e) => console.error(e));
 * events.emit({ type: 'progress', task: 'fit', done: 1, total: 10 });
 * off();
 */
export function createEventChannel(): EventChannel {
  const listeners = new Set<Listener>();
  return {
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A channel that drops everything; the default when no one listens. */
export const silentChannel: EventChannel = { emit() {}, on: () => () => {} };
