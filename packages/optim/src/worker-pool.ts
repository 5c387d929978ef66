/**
 * The piscina plumbing shared by the batch-size study and `fitMany`: how many cores there are,
 * a pool on a worker module (TypeScript through tsx from sources, JavaScript from dist), and
 * datasets moved into shared memory so tasks get views instead of copies. Node-only modules are
 * imported lazily, so browsers never load them.
 */
import type { Dataset } from '@losslens/core';
import type { Piscina } from 'piscina';

/** CPU cores in Node; 1 in a browser (no worker pool there). */
export async function cores(): Promise<number> {
  if ((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === undefined) return 1;
  return (await import('node:os')).availableParallelism();
}

/**
 * A pool of `threads` workers running the module at `moduleUrl` (a `.ts` URL in dev/test).
 * @example
 * const pool = await createWorkerPool(new URL('./worker.ts', import.meta.url), 2);
 */
export async function createWorkerPool(moduleUrl: URL, threads: number): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  const fromSource = moduleUrl.pathname.endsWith('.ts');
  return new Piscina({
    filename: moduleUrl.href,
    minThreads: threads,
    maxThreads: threads,
    ...(fromSource ? { execArgv: ['--conditions=source', '--import', 'tsx'] } : {}),
  });
}

/** The worker module next to `base`: `name.ts` when running from sources, `name.js` from dist. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * The dataset's core fields (the `Dataset` contract, nothing a generator added such as a truth
 * function, which cannot cross a thread boundary) with its arrays in shared memory, so each
 * task's copy is a view, not a clone.
 * @example
 * const shared = sharedDataset(train); // pass `shared` in every task
 */
export function sharedDataset(ds: Dataset): Dataset {
  const share = (a: Float32Array): Float32Array => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return {
    name: ds.name,
    task: ds.task,
    n: ds.n,
    featureShape: [...ds.featureShape],
    features: share(ds.features),
    targets: share(ds.targets),
    outputs: ds.outputs,
    featureNames: [...ds.featureNames],
    targetName: ds.targetName,
    ...(ds.classNames !== undefined ? { classNames: [...ds.classNames] } : {}),
    origin: ds.origin,
  };
}
