// The part of autocannon 9's programmatic API that scripts/bench-load-client.ts uses (the package
// ships no types and there is no @types package for it).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called right before the request is written; returns the request to send. */
      setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string | string[]>,
      ) => void;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      pipelining?: number;
      duration?: number;
      overallRate?: number;
      timeout?: number;
      requests?: AutocannonRequest[];
      ignoreCoordinatedOmission?: boolean;
      skipAggregateResult?: boolean;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
      totalCount?: number;
      [percentile: string]: number | undefined;
    }

    /** A run's result; with skipAggregateResult the histograms are encoded, for aggregateResult. */
    interface AutocannonResult {
      duration: number;
      start: Date;
      finish: Date;
      errors: number;
      timeouts: number;
      non2xx: number;
      totalCompletedRequests: number;
      totalRequests: number;
      totalBytes: number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Histogram;
      requests: Histogram & { sent: number };
      throughput: Histogram;
      '2xx': number;
      '4xx': number;
      '5xx': number;
    }

    interface Instance extends EventEmitter {
      stop: () => void;
    }
  }

  function autocannon(
    options: autocannon.AutocannonOptions,
    callback: (error: Error | null, result: autocannon.AutocannonResult) => void,
  ): autocannon.Instance;
  namespace autocannon {
    function aggregateResult(
      results: AutocannonResult[],
      options?: Partial<AutocannonOptions>,
    ): AutocannonResult;
  }

  export = autocannon;
}
