/**
 * The page: pick an experiment and a backend, run it, watch progress, read the numbers and charts.
 * URL parameters preselect them: `?experiment=saddle&backend=wasm&run=1` (run at once),
 * `seed=N`, `quick=1` (a short smoke run).
 */
import { createEventChannel } from '@losslens/core';
import { backendChoices, startBackend } from './backend.js';
import type { ActiveBackend, BackendChoice } from './backend.js';
import { experiments } from './experiments/index.js';
import type { Experiment } from './experiment.js';
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
const progress = element<HTMLProgressElement>('progress');
const progressText = element('progress-text');
const errorBox = element('error');
const resultBox = element('result');

let selected: Experiment = experiments.find((e) => e.id === params.get('experiment')) ?? experiments[0]!;
let backendReady: Promise<ActiveBackend> | undefined;

function setState(state: 'idle' | 'running' | 'done' | 'error'): void {
  document.body.dataset['state'] = state;
  runButton.disabled = state === 'running';
  backendSelect.disabled = state === 'running';
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

function showExperiment(experiment: Experiment): void {
  selected = experiment;
  for (const button of nav.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset['experiment'] === experiment.id));
  }
  element('topic').textContent = experiment.topic;
  element('title').textContent = experiment.title;
  element('description').textContent = experiment.description;
  resultBox.replaceChildren();
  errorBox.hidden = true;
  progress.value = 0;
  progressText.textContent = '';
  setState('idle');
}

async function run(): Promise<void> {
  setState('running');
  errorBox.hidden = true;
  resultBox.replaceChildren();
  progress.removeAttribute('value');
  progressText.textContent = 'starting…';
  try {
    await backendReady?.catch(() => undefined);
    const { name: backend } = await chooseBackend(backendSelect.value as BackendChoice, { syncReads: selected.syncReads === true });
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
    const result = await selected.run({ events, seed: Number(params.get('seed') ?? 0), quick: params.get('quick') === '1' });
    const seconds = (performance.now() - started) / 1000;
    await renderResult(resultBox, result);
    progress.max = 1;
    progress.value = 1;
    progressText.textContent = `done in ${seconds.toFixed(1)} s on ${backend}`;
    setState('done');
  } catch (error) {
    showError(error);
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
  button.addEventListener('click', () => showExperiment(experiment));
  nav.append(button);
}
runButton.addEventListener('click', () => void run());

showExperiment(selected);
if (params.get('run') === '1') void run();
else void chooseBackend(backendSelect.value as BackendChoice).catch(showError);
