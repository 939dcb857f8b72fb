// The feature modules the API serves, one per part of the domain. Each lives in its own folder
// and exports through its index.ts.
export const API_FEATURE_MODULES = [];
