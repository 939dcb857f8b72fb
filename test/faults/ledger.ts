// What the fault suite injected, checked and found, printed as a table and kept as JSON.
import { availableParallelism, loadavg } from 'node:os';
import { machineTime } from '@homecare/common';

export class Fault {
  injected = 0;
  checks = 0;
  readonly anomalies: string[] = [];
  /** What happened that is allowed but worth knowing (duplicate deliveries absorbed, dropped requests). */
  readonly notes: string[] = [];
  skipped: string | undefined;
  private readonly startedAt = performance.now();
  seconds = 0;

  constructor(readonly name: string) {}

  /** One check; a failed one is an anomaly described by `what`. Returns whether it held. */
  check(holds: boolean, what: string | (() => string)): boolean {
    this.checks += 1;
    if (!holds) this.anomalies.push(typeof what === 'string' ? what : what());
    return holds;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  finish(): void {
    this.seconds = Math.round((performance.now() - this.startedAt) / 100) / 10;
  }
}

export class Ledger {
  readonly faults: Fault[] = [];
  private readonly startedAt = performance.now();

  open(name: string): Fault {
    const fault = new Fault(name);
    this.faults.push(fault);
    return fault;
  }

  get anomalies(): number {
    return this.faults.reduce((sum, fault) => sum + fault.anomalies.length, 0);
  }

  table(): string {
    const header = ['fault', 'injected', 'checks', 'anomalies', 'seconds'];
    const rows = this.faults.map((fault) => [
      fault.skipped ? `${fault.name} (skipped: ${fault.skipped})` : fault.name,
      String(fault.injected),
      String(fault.checks),
      String(fault.anomalies.length),
      fault.seconds.toFixed(1),
    ]);
    const total = [
      'total',
      String(this.faults.reduce((sum, fault) => sum + fault.injected, 0)),
      String(this.faults.reduce((sum, fault) => sum + fault.checks, 0)),
      String(this.anomalies),
      ((performance.now() - this.startedAt) / 1000).toFixed(1),
    ];
    const widths = header.map((_, column) =>
      Math.max(...[header, ...rows, total].map((row) => row[column].length)),
    );
    const line = (row: string[]): string =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])))
        .join('  ');
    const rule = widths.map((width) => '-'.repeat(width)).join('  ');
    const details = this.faults.flatMap((fault) => [
      ...fault.anomalies.map((anomaly) => `ANOMALY  ${fault.name}: ${anomaly}`),
      ...fault.notes.map((note) => `note     ${fault.name}: ${note}`),
    ]);
    return [line(header), rule, ...rows.map(line), rule, line(total), '', ...details].join('\n');
  }

  toJSON(): Record<string, unknown> {
    return {
      finishedAt: machineTime.now().toISOString(),
      seconds: Math.round((performance.now() - this.startedAt) / 100) / 10,
      // Timings depend on what else the machine runs: its size and load go with them.
      machine: {
        cpus: availableParallelism(),
        loadAverage: loadavg().map((load) => Math.round(load * 10) / 10),
      },
      anomalies: this.anomalies,
      faults: this.faults.map((fault) => ({
        fault: fault.name,
        skipped: fault.skipped ?? null,
        injected: fault.injected,
        checks: fault.checks,
        anomalies: fault.anomalies,
        notes: fault.notes,
        seconds: fault.seconds,
      })),
    };
  }
}
