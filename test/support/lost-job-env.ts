// Imported before the app (the configuration is validated as its modules load): the lost-job
// repair looks every 300 ms at any pending roster, and gives up after two repairs.
process.env.ROSTER_REPAIR_INTERVAL_MS = '300';
process.env.ROSTER_LEASE_MS = '0';
process.env.ROSTER_REPAIR_LIMIT = '2';

export const REPAIR_LIMIT = 2;
