import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

export default defineProject({
  ...shared,
  test: {
    ...shared.test,
    name: 'cli',
    // The plugin package the lens test installs into a temp node_modules: transform it like source,
    // so its `@losslens/core` import is the workspace source (no build needed), as one copy.
    server: { deps: { inline: [/losslens-plugin-sensors/] } },
  },
});
