/**
 * The page: pick an experiment and a backend, run it, watch progress, read the numbers and charts.
 * URL parameters preselect them: `?experiment=saddle&backend=wasm&run=1` (run at once),
 * `seed=N`, `quick=1` (a short smoke run).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel } from '@losslens/core';
import { backendChoices, startBackend } from './backend.js';
import type { ActiveBackend, BackendChoice } from './backend.js';
import { experiments } from './experiments/index.js';
import type { Experiment } from './experiment.js';
import { RunCancelled } from './experiments/training.js';
import { renderResult } from './ui/render-result.js';
import './style.css';

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
};

const params = new URLSearchParams(location.search);
const backendSelect = element<HTMLSelectElement>('backend');
const activeBackend = element('active-backend');
const backendNote = element('backend-note');
const nav = element('experiments');
const runButton = element<HTMLButtonElement>('run');
const cancelButton = element<HTMLButtonElement>('cancel');
const progress = element<HTMLProgressElement>('progress');
const progressText = element('progress-text');
const errorBox = element('error');
const resultBox = element('result');

let selected: Experiment = experiments.find((e) => e.id === params.get('experiment')) ?? experiments.find((e) => e.id === 'model-bias') ?? experiments[0]!;
let backendReady: Promise<ActiveBackend> | undefined;
/** The run in progress: its abort controller and its promise (settled once it has stopped). */
let current: { controller: AbortController; done: Promise<void> } | undefined;

function setState(state: 'idle' | 'running' | 'done' | 'error' | 'cancelled'): void {
  document.body.dataset['state'] = state;
  // Live tensors once a run has ended: a cancelled run must leave as many as a finished one.
  // (the engine's count: tf.memory() would start a backend before one is chosen).
  if (state !== 'running') document.body.dataset['tensors'] = String(tf.engine().state.numTensors);
  runButton.disabled = state === 'running';
  cancelButton.disabled = state !== 'running';
  backendSelect.disabled = state === 'running';
}

/** Stops the run in progress (if any) and waits until it has let go of its tensors. */
async function cancelRun(): Promise<void> {
  const run = current;
  if (run === undefined) return;
  run.controller.abort();
  await run.done;
}

function showError(error: unknown): void {
  errorBox.hidden = false;
  errorBox.textContent = error instanceof Error ? error.message : String(error);
  setState('error');
}

/** Starts a backend and shows which one is active (and why, when it is not the one chosen). */
function chooseBackend(choice: BackendChoice, options: { syncReads?: boolean } = {}): Promise<ActiveBackend> {
  activeBackend.textContent = 'starting…';
  backendNote.hidden = true;
  errorBox.hidden = true;
  const ready = startBackend(choice, options).then(
    (active) => {
      activeBackend.textContent = active.name;
      activeBackend.dataset['backend'] = active.name;
      backendNote.hidden = active.note === undefined;
      backendNote.textContent = active.note ?? '';
      return active;
    },
    (error: unknown) => {
      activeBackend.textContent = 'none';
      throw error;
    },
  );
  backendReady = ready;
  return ready;
}

async function showExperiment(experiment: Experiment): Promise<void> {
  await cancelRun();
  selected = experiment;
  for (const button of nav.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset['experiment'] === experiment.id));
  }
  element('topic').textContent = experiment.topic;
  element('title').textContent = experiment.title;
  element('description').textContent = experiment.description;
  const controls = element('controls');
  controls.replaceChildren();
  experiment.mountControls?.(controls);
  controls.hidden = experiment.mountControls === undefined;
  resultBox.replaceChildren();
  errorBox.hidden = true;
  progress.value = 0;
  progressText.textContent = '';
  setState('idle');
}

/** Runs the selected experiment after stopping the one in progress. */
async function run(): Promise<void> {
  await cancelRun();
  const controller = new AbortController();
  const done = runSelected(controller.signal);
  current = { controller, done };
  await done;
  if (current?.controller === controller) current = undefined;
}

async function runSelected(signal: AbortSignal): Promise<void> {
  setState('running');
  errorBox.hidden = true;
  resultBox.replaceChildren();
  progress.removeAttribute('value');
  progressText.textContent = 'starting…';
  try {
    await backendReady?.catch(() => undefined);
    const { name: backend, lens } = await chooseBackend(backendSelect.value as BackendChoice, { syncReads: selected.syncReads === true });
    const events = createEventChannel();
    events.on((event) => {
      if (event.type === 'progress') {
        progress.max = event.total;
        progress.value = event.done;
        progressText.textContent = `${event.task}: ${event.done} / ${event.total}`;
      } else if (event.type === 'stage' && event.state === 'start') {
        progressText.textContent = `${event.name}…`;
      } else if (event.type === 'note') {
        progressText.textContent = event.message;
      }
    });
    const started = performance.now();
    const result = await selected.run({ lens, events, signal, seed: Number(params.get('seed') ?? 0), quick: params.get('quick') === '1' });
    if (signal.aborted) throw new RunCancelled();
    const seconds = (performance.now() - started) / 1000;
    await renderResult(resultBox, result);
    progress.max = 1;
    progress.value = 1;
    progressText.textContent = `done in ${seconds.toFixed(1)} s on ${backend}`;
    setState('done');
  } catch (error) {
    if (error instanceof RunCancelled || signal.aborted) {
      progressText.textContent = 'cancelled';
      setState('cancelled');
    } else {
      showError(error);
    }
  }
}

for (const choice of backendChoices) backendSelect.add(new Option(choice, choice));
const wanted = params.get('backend');
if (wanted !== null && (backendChoices as readonly string[]).includes(wanted)) backendSelect.value = wanted;
backendSelect.addEventListener('change', () => void chooseBackend(backendSelect.value as BackendChoice).catch(showError));

for (const experiment of experiments) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset['experiment'] = experiment.id;
  button.innerHTML = '<span class="card-title"></span><span class="card-topic"></span>';
  button.querySelector('.card-title')!.textContent = experiment.title;
  button.querySelector('.card-topic')!.textContent = experiment.topic;
  button.addEventListener('click', () => void showExperiment(experiment));
  nav.append(button);
}
runButton.addEventListener('click', () => void run());
cancelButton.addEventListener('click', () => void cancelRun());

void showExperiment(selected).then(() =>
  params.get('run') === '1' ? run() : chooseBackend(backendSelect.value as BackendChoice).then(() => undefined, showError),
);
