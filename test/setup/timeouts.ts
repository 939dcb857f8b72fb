// The end-to-end tests start real apps and wait on real servers: on a busy 2-core machine a
// `beforeAll` that creates the app can take longer than jest's 5 s default for hooks (the project's
// testTimeout does not reach hooks). Files that need longer still set their own.
jest.setTimeout(60_000);
