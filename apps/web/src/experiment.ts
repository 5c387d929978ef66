/**
 * What an experiment of the web app is: a named piece of the lecture that runs on the
 * active tfjs backend, reports progress, and returns numbers and charts to show.
 */
import type { EventChannel } from '@losslens/core';
import type { DefaultLens } from '@losslens/lens';
import type { ChartSpec } from '@losslens/plot';

/** One measured number (or short value) shown in the results table. */
export interface Fact {
  /** Stable key, rendered as `data-fact` for tests and scripts. */
  id: string;
  label: string;
  value: string;
}

/** A chart to render with `renderSvg`. */
export interface ChartEntry {
  spec: ChartSpec;
  /** One sentence on what to look at. */
  caption: string;
}

/** What an experiment returns. */
export interface ExperimentResult {
  /** The finding in one sentence, e.g. "(0, 0) is a saddle point: eigenvalues −2 and 2". */
  headline: string;
  facts: Fact[];
  charts: ChartEntry[];
  /** Trusted HTML shown after the charts (escaped by whoever built it), e.g. the tree path. */
  html?: string;
  /** A file the page offers as a download, e.g. the diagnosis report. */
  download?: { label: string; fileName: string; type: string; content: string };
}

/** What an experiment gets to run with. */
export interface ExperimentContext {
  /** The page's one lens: every dataset, model, training run and diagnosis goes through it. */
  lens: DefaultLens;
  /** Progress and stage events; the page draws them. */
  events: EventChannel;
  seed: number;
  /** A smoke run: fewer epochs and rows, for slow devices and tests (`?quick=1`). */
  quick: boolean;
  /** Fires when the run is cancelled (Cancel, or another experiment chosen). */
  signal?: AbortSignal;
}

/** One experiment from the lecture. */
export interface Experiment {
  /** URL-safe key, e.g. `saddle`. */
  id: string;
  title: string;
  /** The lecture's branch it illustrates, e.g. "optimization: critical points". */
  topic: string;
  /** What it shows, in one or two sentences. */
  description: string;
  /**
   * Whether it calls package code that reads tensors synchronously (`dataSync`: the diagnosis's
   * gradient-flow and critical-point checks); the page then moves off a backend whose
   * synchronous reads fail. `fit` reads asynchronously and needs no flag.
   */
  syncReads?: boolean;
  /** Fills the panel's controls (a form) when the experiment is shown; the page clears them otherwise. */
  mountControls?(container: HTMLElement): void;
  run(context: ExperimentContext): Promise<ExperimentResult>;
}

/** Formats a number for the results table: fixed decimals, ASCII minus, `-0` shown as `0`. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Lets the browser paint between steps of a long loop. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
