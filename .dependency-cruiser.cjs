/**
 * The layer rule: data flows Teams turn -> dialog -> use case -> playbook + repository ->
 * notifier. The playbook is pure, the application knows only ports, and the edges do not
 * reach into each other; src/app.ts wires them together.
 */
module.exports = {
  forbidden: [
    {
      name: 'playbook-is-pure',
      comment: 'The playbook holds rules and data only: no framework, no I/O, no other layer.',
      severity: 'error',
      from: { path: '^src/playbook/' },
      to: { pathNot: '^src/playbook/' },
    },
    {
      name: 'application-knows-only-the-playbook',
      comment:
        'Use cases depend on the playbook and on their own ports, never on an edge or SDK. Luxon, a calendar with no I/O, works out working hours in time zones.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: {
        pathNot: [
          '^src/playbook/',
          '^src/application/',
          '^node:crypto$',
          '^crypto$',
          '^node_modules/luxon/',
        ],
      },
    },
    {
      name: 'edges-do-not-reach-into-each-other',
      comment: 'Teams, Cosmos and HTTP meet only in src/app.ts.',
      severity: 'error',
      from: { path: '^src/edges/([^/]+)/' },
      to: { path: '^src/edges/', pathNot: ['^src/edges/$1/'] },
    },
    {
      name: 'nothing-imports-the-start-up-file',
      severity: 'error',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
