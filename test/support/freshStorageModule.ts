/**
 * botbuilder-azure remembers each database/container pair in a module-level cache, which a real
 * process starts empty. Loading the module afresh gives a test's bot the same clean start.
 */
export function freshStorageModule(): typeof import('botbuilder-azure') {
  for (const path of Object.keys(require.cache)) {
    if (path.includes('/botbuilder-azure/')) delete require.cache[path];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('botbuilder-azure') as typeof import('botbuilder-azure');
}
