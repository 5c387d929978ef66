/**
 * The "Diagnose my data" page: a form (pick or drop a CSV, choose the target, task, model spec
 * and budget) and the experiment that runs the diagnosis on what the form holds. The file is
 * read with FileReader in the page; nothing is uploaded.
 */
import type { Task } from '@losslens/core';
import type { Budget } from '@losslens/diagnose';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { csvColumns, diagnoseCsv, diagnosisResult } from '../experiments/diagnose-data.js';
import { throwIfStopped } from '../experiments/training.js';

/** The file the form holds (kept across page switches). */
let loaded: { name: string; text: string } | undefined;
let form: HTMLFormElement | undefined;

const field = <T extends HTMLElement>(id: string): T => {
  const found = form?.querySelector<T>(`#${id}`);
  if (found === null || found === undefined) throw new Error(`the diagnose form has no #${id}`);
  return found;
};

/** Takes a file's text into the form and fills the target menu (last column preselected). */
async function takeFile(file: File): Promise<void> {
  loaded = { name: file.name, text: await file.text() };
  const columns = csvColumns(loaded.text);
  const target = field<HTMLSelectElement>('target');
  target.replaceChildren(...columns.map((c) => new Option(c, c)));
  target.value = columns.at(-1) ?? '';
  field('file-status').textContent = `${file.name}: ${loaded.text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1} rows, columns ${columns.join(', ')}`;
}

function mountForm(container: HTMLElement): void {
  container.innerHTML = `
    <form id="diagnose-form" class="diagnose-form" onsubmit="return false">
      <div id="drop-zone" class="drop-zone" tabindex="0">
        <label for="csv-file">CSV file (header row, numeric features)</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" />
        <span>or drop it here. It stays in this page: nothing is uploaded.</span>
        <span id="file-status" class="file-status" aria-live="polite"></span>
      </div>
      <div class="fields">
        <label>target <select id="target"></select></label>
        <label>task <select id="task"><option value="">inferred</option><option value="regression">regression</option><option value="classification">classification</option></select></label>
        <label>model spec <input id="model-spec" type="text" value="mlp:32x32:relu" spellcheck="false" /></label>
        <label>budget <select id="budget"><option value="quick">quick</option><option value="standard">standard</option><option value="thorough">thorough</option></select></label>
      </div>
    </form>`;
  form = container.querySelector<HTMLFormElement>('#diagnose-form') ?? undefined;
  const input = field<HTMLInputElement>('csv-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file !== undefined) void takeFile(file);
  });
  const zone = field('drop-zone');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void takeFile(file);
  });
  if (loaded !== undefined) {
    const columns = csvColumns(loaded.text);
    field<HTMLSelectElement>('target').replaceChildren(...columns.map((c) => new Option(c, c)));
    field<HTMLSelectElement>('target').value = columns.at(-1) ?? '';
    field('file-status').textContent = loaded.name;
  }
}

/** "Diagnose my data": the lecture's whole tree on the user's CSV, as `losslens diagnose` walks it. */
export const diagnoseExperiment: Experiment = {
  id: 'diagnose',
  title: 'Diagnose my data',
  topic: 'the whole tree, on your CSV',
  description:
    'Pick or drop a CSV, choose the column to predict and the model, and get the diagnosis the CLI gives (losslens diagnose): the verdict path through the tree, the loss curves, the evidence, the remedies and the same HTML report. Your data stays in this page.',
  syncReads: true,
  mountControls: mountForm,
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    if (loaded === undefined) throw new Error('pick or drop a CSV file first');
    const target = field<HTMLSelectElement>('target').value;
    const task = field<HTMLSelectElement>('task').value;
    const diagnosis = await diagnoseCsv(
      context.lens,
      {
        text: loaded.text,
        fileName: loaded.name,
        target,
        ...(task === '' ? {} : { task: task as Task }),
        model: field<HTMLInputElement>('model-spec').value.trim() || 'mlp:32x32:relu',
        budget: field<HTMLSelectElement>('budget').value as Budget,
        seed: context.seed,
      },
      context.events,
    );
    throwIfStopped(context.signal);
    return diagnosisResult(diagnosis, loaded.name);
  },
};
