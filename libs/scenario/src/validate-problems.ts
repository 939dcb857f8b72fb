// The validators' toolkit: JSON paths, a list that collects every problem, and readers of numbers,
// ids and local times; separate from the scenario and roster rules in validate.ts that use it.
import { isLocalDateTime, parseLocalDateTime, TimeFormatError } from './time';
import type { ScenarioProblem } from './types';

export type JsonObject = Record<string, unknown>;

export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
export const OFFSET_TIME = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$.clients[3]` + `history` -> `$.clients[3].history`; keys such as `cg-01` need brackets. */
export function memberPath(base: string, key: string): string {
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Collects problems; the small helpers return the checked value or undefined. */
export class ProblemList {
  readonly problems: ScenarioProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  nonEmptyString(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim().length > 0) return value;
    this.add(path, `must be a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  optionalString(value: unknown, path: string): void {
    if (value !== undefined && typeof value !== 'string')
      this.add(path, `must be a string, got ${describe(value)}`);
  }

  number(
    value: unknown,
    path: string,
    rule: { integer?: boolean; min?: number; max?: number; exclusiveMin?: number },
  ): number | undefined {
    const kind = rule.integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, `must be ${kind}, got ${describe(value)}`);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.add(path, `must be an integer, got ${value}`);
      return undefined;
    }
    if (rule.exclusiveMin !== undefined && value <= rule.exclusiveMin) {
      this.add(path, `must be greater than ${rule.exclusiveMin}, got ${value}`);
      return undefined;
    }
    if (rule.min !== undefined && value < rule.min) {
      this.add(path, `must be at least ${rule.min}, got ${value}`);
      return undefined;
    }
    if (rule.max !== undefined && value > rule.max) {
      this.add(path, `must be at most ${rule.max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  stringArray(value: unknown, path: string, fallback?: string[]): string[] | undefined {
    if (value === undefined && fallback) return fallback;
    if (!Array.isArray(value)) {
      this.add(path, `must be an array of strings, got ${describe(value)}`);
      return undefined;
    }
    const strings: string[] = [];
    value.forEach((item, index) => {
      const text = this.nonEmptyString(item, `${path}[${index}]`);
      if (text !== undefined) strings.push(text);
    });
    return strings;
  }

  array(value: unknown, path: string, required: boolean): unknown[] {
    if (value === undefined && !required) return [];
    if (Array.isArray(value)) return value;
    this.add(path, `must be an array, got ${describe(value)}`);
    return [];
  }

  /** One of a few allowed strings (e.g. a visit's priority). */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(path, `must be one of ${allowed.map((item) => `"${item}"`).join(', ')}, got ${describe(value)}`);
    return undefined;
  }

  limit(count: number, max: number | undefined, path: string, what: string): void {
    if (max !== undefined && count > max)
      this.add(path, `too many ${what}: ${count}, at most ${max} allowed`);
  }
}

/** Parses local times of one zone, remembering results: scenarios repeat the same times a lot. */
export class LocalTimeReader {
  private readonly cache = new Map<string, number | TimeFormatError>();

  constructor(
    private readonly timeZone: string | undefined,
    private readonly list: ProblemList,
  ) {}

  /** epoch minutes when the text is a usable local time; records nothing (it was checked elsewhere). */
  peek(value: unknown): number | undefined {
    if (!isLocalDateTime(value) || this.timeZone === undefined) return undefined;
    const result = this.parse(value, this.timeZone);
    return result instanceof TimeFormatError ? undefined : result;
  }

  private parse(value: string, timeZone: string): number | TimeFormatError {
    let result = this.cache.get(value);
    if (result === undefined) {
      try {
        result = parseLocalDateTime(value, timeZone);
      } catch (error) {
        if (!(error instanceof TimeFormatError)) throw error;
        result = error;
      }
      this.cache.set(value, result);
    }
    return result;
  }

  /** epoch minutes, or undefined after recording why the text is not a usable local time. */
  read(value: unknown, path: string): number | undefined {
    if (!isLocalDateTime(value)) {
      this.list.add(path, `must be a local time YYYY-MM-DDTHH:mm, got ${describe(value)}`);
      return undefined;
    }
    // Without a valid zone only the shape can be checked; the zone problem is reported once.
    if (this.timeZone === undefined) return undefined;
    const result = this.parse(value, this.timeZone);
    if (result instanceof TimeFormatError) {
      this.list.add(path, result.message);
      return undefined;
    }
    return result;
  }

  /** A pin or roster time may also carry an offset (`2026-11-23T07:40:00+01:00`). */
  readRosterTime(value: unknown, path: string): number | undefined {
    if (typeof value === 'string' && OFFSET_TIME.test(value)) {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) {
        this.list.add(path, `must be an ISO 8601 time, got ${describe(value)}`);
        return undefined;
      }
      return Math.round(ms / 60_000);
    }
    return this.read(value, path);
  }
}

/** Records `duplicate id` problems; returns true the first time an id is seen. */
export function registerId(ids: Map<string, string>, id: string, path: string, list: ProblemList): boolean {
  const earlier = ids.get(id);
  if (earlier !== undefined) {
    list.add(`${path}.id`, `duplicate id "${id}" (also at ${earlier})`);
    return false;
  }
  ids.set(id, path);
  return true;
}
