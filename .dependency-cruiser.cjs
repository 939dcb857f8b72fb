// @ts-check
// The dependency rule of the code base, checked by `npm run lint:deps` (part of `npm run lint`, so CI).
// See docs/architecture.md for the picture (`npm run docs:architecture` regenerates it).
//
// Rules go by folder pattern, so a new feature folder under libs/core/src is covered without
// touching the rules: it may only use what its line in FEATURES says, and a folder that has no line
// there may use nothing else in libs/core until it gets one.

/**
 * Which libs/core/src feature may use which (as the code is today). A feature always may use itself
 * and the platform folders (PLATFORM). Edit this table to change the architecture, and say why in
 * the commit.
 */
const FEATURES = {
  teams: [],
  caregivers: [],
  clients: [],
  availability: ['caregivers'],
  // notifications: a family hears that a coming visit moved or was cancelled
  // webhooks: so does the organisation's own system (client.visits-changed)
  visits: ['clients', 'notifications', 'webhooks'],
  notifications: [],
  // an organisation's subscriptions and the events the features emit into them; uses nothing
  webhooks: [],
  'care-needs': ['clients', 'visits'],
  // teams: the working-time rules a scenario carries and payroll flags against
  // continuity: the history (published weeks and check-ins) every exported period carries
  scenarios: ['availability', 'continuity', 'teams'],
  rosters: ['scenarios'],
  access: [],
  auth: ['access'],
  // Being split in parallel; `auth` only for its old deep import of auth/principal (a re-export).
  // notifications: members hear of reviews, publishing, amendments, objections and offers, and
  // families of visits nobody is planned on yet, in the transaction of the change.
  // webhooks: the organisation's systems hear of reviews, publishing, amendments and unstaffed visits.
  negotiation: ['access', 'auth', 'notifications', 'rosters', 'scenarios', 'webhooks'],
  // The team's published roster, being moved out of negotiation into its own feature; the readers
  // below get it listed beside negotiation so either layout passes while that move lands.
  'published-roster': ['access'],
  'visit-plans': ['access', 'negotiation', 'published-roster'],
  'calendar-feeds': ['access', 'auth', 'visit-plans'],
  // notifications: coordinators hear that a pay period is ready to approve
  // webhooks: and so does the organisation's payroll system
  payroll: ['availability', 'negotiation', 'notifications', 'published-roster', 'teams', 'webhooks'],
  'check-ins': ['access', 'negotiation', 'published-roster', 'payroll'],
  // a caregiver's day: their published visits with the clients' places (access-logged), and
  // "I'm running late" told to the client's family and the team
  'my-day': ['access', 'notifications', 'published-roster'],
  // who a client saw: published weeks and check-ins become the engine's history
  continuity: [],
  // rolling planning: generates a week's visits and makes its plan through the negotiation's lifecycle
  planning: ['negotiation', 'visits'],
  // email delivery (worker): notification texts for notification emails, auth for the emailed
  // links (invitations, password reset) derived at send time
  email: ['auth', 'notifications'],
  // the team dashboard: continuity measured as the engine measures it, hours and working-time
  // flags from payroll's own timesheets, and the team's continuity target from its planning settings
  dashboard: ['continuity', 'payroll', 'planning'],
};

/** Folders of libs/core/src that are plumbing, not features: every feature may use them. */
const PLATFORM = ['config', 'database', 'redis', 'shared', 'principal', 'metrics'];

/** Which lib may use which other lib (libs/<lib>/src). libs/core may use all but apps. */
const LIBS = {
  scenario: [],
  'roster-engine': ['scenario'],
  payroll: ['scenario'],
  common: [],
  jobs: [],
  database: ['common'],
  core: ['common', 'database', 'jobs', 'payroll', 'roster-engine', 'scenario'],
};

const either = (names) => `(${names.join('|')})`;
const core = 'libs/core/src';

/** @type {import('dependency-cruiser').IConfiguration['forbidden']} */
const featureMatrix = Object.entries(FEATURES).map(([feature, uses]) => ({
  name: `core-feature-${feature}`,
  comment: `${feature} may use only ${[...uses, ...PLATFORM].join(', ')} in libs/core (FEATURES in .dependency-cruiser.cjs).`,
  severity: 'error',
  from: { path: `^${core}/${feature}/`, pathNot: '\\.spec\\.ts$' },
  to: { path: `^${core}/[^/]+/`, pathNot: `^${core}/${either([feature, ...uses, ...PLATFORM])}/` },
}));

/** @type {import('dependency-cruiser').IConfiguration['forbidden']} */
const libMatrix = Object.entries(LIBS).map(([lib, uses]) => ({
  name: `lib-${lib}`,
  comment: `libs/${lib} may use only ${uses.length ? uses.join(', ') : 'no other lib'} (LIBS in .dependency-cruiser.cjs).`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: '\\.spec\\.ts$' },
  to: { path: '^libs/[^/]+/', pathNot: `^libs/${either([lib, ...uses])}/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No cycles between modules: a cycle means two modules are one, or one of them is in the wrong place.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-pure',
      comment:
        'The roster engine is pure (scenario in, roster out): no Nest, no database, no queue, no lib but the scenario format.',
      severity: 'error',
      from: { path: '^libs/roster-engine/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|bullmq|ioredis|@bull-board)(/|$)',
          '^libs/(?!roster-engine/|scenario/)',
          '^apps/',
        ],
      },
    },
    {
      name: 'libs-not-apps',
      comment: 'Libraries never import applications, scripts or tests (specs may use test fixtures).',
      severity: 'error',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|scripts|test)/' },
    },
    {
      name: 'feature-entry-point-only',
      comment:
        'A feature of libs/core is used through its entry point (index.ts, `@homecare/core/<feature>` from outside), never its internals.',
      severity: 'error',
      from: {
        path: `^${core}/([^/]+)/`,
        // negotiation is being split in parallel and still deep-imports; remove this exception after.
        pathNot: `^${core}/negotiation/`,
      },
      to: { path: `^${core}/[^/]+/.+`, pathNot: [`^${core}/$1/`, `^${core}/[^/]+/index\\.ts$`] },
    },
    {
      name: 'outside-core-entry-point-only',
      comment:
        'Apps, scripts, tests and other libs import a libs/core feature by `@homecare/core/<feature>` only.',
      severity: 'error',
      from: { pathNot: `^${core}/` },
      to: { path: `^${core}/.+`, pathNot: [`^${core}/[^/]+/index\\.ts$`, `^${core}/index\\.ts$`] },
    },
    {
      name: 'no-root-barrel',
      comment:
        'There is no root barrel: import `@homecare/core/<feature>`. libs/core/src/index.ts is left only for apps/api/src/negotiation until its split lands.',
      severity: 'error',
      from: { pathNot: ['^apps/api/src/negotiation/', `^${core}/index\\.ts$`] },
      to: { path: `^${core}/index\\.ts$` },
    },
    {
      name: 'core-feature-unlisted',
      comment:
        'A libs/core feature folder that has no line in FEATURES may use no other feature: give it one.',
      severity: 'error',
      from: { path: `^${core}/(?!${either([...Object.keys(FEATURES), ...PLATFORM])}/)([^/]+)/` },
      to: { path: `^${core}/[^/]+/`, pathNot: [`^${core}/$2/`, `^${core}/${either(PLATFORM)}/`] },
    },
    {
      name: 'core-platform',
      comment:
        'The platform folders of libs/core (config, database, redis, shared, principal) use no feature.',
      severity: 'error',
      from: { path: `^${core}/${either(PLATFORM)}/` },
      to: { path: `^${core}/[^/]+/`, pathNot: `^${core}/${either(PLATFORM)}/` },
    },
    ...featureMatrix,
    ...libMatrix,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|apps/web)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: {
      dot: {
        collapsePattern: ['^libs/core/src/[^/]+', '^libs/[^/]+', '^apps/[^/]+', '^(scripts|test)'],
      },
    },
  },
};
