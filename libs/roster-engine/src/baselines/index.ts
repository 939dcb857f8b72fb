export { greedyChronological, GreedyScheduler, type GreedyOptions } from './greedy-chronological';
export { coverageUpperBound, type CoverageBound } from './coverage-bound';
