import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

// Each scenario is a whole diagnosis (several training runs, in worker threads); beside the
// other projects on a 2-core machine one can take minutes, so the limit here is 5 minutes.
export default defineProject({ ...shared, test: { ...shared.test, name: 'diagnose', testTimeout: 300_000 } });
