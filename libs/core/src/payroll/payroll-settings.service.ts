import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, type FieldProblem } from '@homecare/common';
import type { OrganisationPayrollSettings, PayPeriodFrequencySetting } from '@homecare/database';
import {
  BUILT_IN_HOLIDAY_CALENDARS,
  bandLabelIn,
  DEFAULT_PREMIUM_BANDS,
  DEFAULT_WORKING_TIME_RULES,
  holidaysOf,
  PayrollError,
  periodContaining,
  PremiumClassifier,
  type PayPeriodConfig,
  type PayrollSettings,
  type PremiumBand,
  type WorkingTimeRules,
} from '@homecare/payroll';
import type { PayrollSettingsView } from './payroll.view';
import { PayrollSettingsRepository } from './payroll-settings.repository';
import { requestLanguage } from '../shared';

export const PAY_PERIOD_FREQUENCIES: readonly PayPeriodFrequencySetting[] = [
  'weekly',
  'two-weekly',
  'four-weekly',
  'monthly',
];

export interface PayrollSettingsInput {
  frequency: PayPeriodFrequencySetting;
  anchorDate: string;
  premiumBands?: PremiumBand[];
  holidayRegion?: string;
  includeOptionalHolidays?: boolean;
  workingTime?: Partial<WorkingTimeRules>;
  lateToleranceMinutes?: number;
}

/** The defaults of an organisation that never set anything: monthly from the 1st, NL, default bands. */
export const DEFAULT_PAYROLL_SETTINGS = {
  frequency: 'monthly' as PayPeriodFrequencySetting,
  anchorDate: '2026-01-01',
  holidayRegion: 'NL',
  includeOptionalHolidays: false,
  lateToleranceMinutes: 15,
};

/** Payroll settings of organisations (one row each, defaults when absent). */
@Injectable()
export class PayrollSettingsService {
  constructor(private readonly repository: PayrollSettingsRepository) {}

  async get(organisationId: string): Promise<PayrollSettingsView> {
    const row = await this.repository.settings(organisationId);
    return viewOf(organisationId, row);
  }

  /**
   * Replaces the settings. The period (frequency and anchor) is fixed once a period was approved or
   * locked: moving it would cut through periods already paid.
   */
  async put(organisationId: string, input: PayrollSettingsInput): Promise<PayrollSettingsView> {
    const problems: FieldProblem[] = [];
    try {
      periodContaining({ frequency: input.frequency, anchorDate: input.anchorDate }, input.anchorDate);
    } catch (error) {
      if (!(error instanceof PayrollError)) throw error;
      problems.push({ path: '$.anchorDate', message: error.message });
    }
    if (input.premiumBands) {
      try {
        new PremiumClassifier(input.premiumBands, [], 'UTC');
      } catch (error) {
        if (!(error instanceof PayrollError)) throw error;
        problems.push({ path: '$.premiumBands', message: error.message });
      }
    }
    const region = input.holidayRegion ?? DEFAULT_PAYROLL_SETTINGS.holidayRegion;
    if (!BUILT_IN_HOLIDAY_CALENDARS[region]) {
      problems.push({
        path: '$.holidayRegion',
        message: `holidayRegion must be one of ${Object.keys(BUILT_IN_HOLIDAY_CALENDARS).join(', ')}`,
      });
    }
    for (const [key, value] of Object.entries(input.workingTime ?? {})) {
      if (!(key in DEFAULT_WORKING_TIME_RULES))
        problems.push({ path: `$.workingTime.${key}`, message: `${key} is not a working-time rule` });
      else if (!Number.isInteger(value) || value <= 0)
        problems.push({ path: `$.workingTime.${key}`, message: `${key} must be a positive whole number` });
    }
    if (problems.length > 0) throw new InvalidInputError('The payroll settings are not valid.', problems);

    return this.repository.transaction(async (manager) => {
      const current = await this.get(organisationId);
      const periodChanged = current.frequency !== input.frequency || current.anchorDate !== input.anchorDate;
      if (periodChanged) {
        if ((await this.repository.periodStateCount(manager, organisationId)) > 0)
          throw new ConflictError(
            'The pay period cannot change once a period was approved or locked: it would cut through paid periods.',
          );
      }
      const row = await this.repository.upsert(manager, {
        organisationId,
        frequency: input.frequency,
        anchorDate: input.anchorDate,
        premiumBands: input.premiumBands ?? [...DEFAULT_PREMIUM_BANDS],
        holidayRegion: region,
        includeOptionalHolidays: input.includeOptionalHolidays ?? false,
        workingTime: input.workingTime ?? {},
        lateToleranceMinutes: input.lateToleranceMinutes ?? DEFAULT_PAYROLL_SETTINGS.lateToleranceMinutes,
      });
      return viewOf(organisationId, row);
    });
  }
}

function viewOf(organisationId: string, row: OrganisationPayrollSettings | null): PayrollSettingsView {
  return {
    organisationId,
    frequency: row?.frequency ?? DEFAULT_PAYROLL_SETTINGS.frequency,
    anchorDate: row?.anchorDate ?? DEFAULT_PAYROLL_SETTINGS.anchorDate,
    // Labels in the reader's language (the defaults are Dutch); ids and percentages as stored.
    premiumBands: ((row?.premiumBands as PremiumBand[] | undefined) ?? [...DEFAULT_PREMIUM_BANDS]).map(
      (band) => ({ ...band, label: bandLabelIn(band, requestLanguage()) }),
    ),
    holidayRegion: row?.holidayRegion ?? DEFAULT_PAYROLL_SETTINGS.holidayRegion,
    includeOptionalHolidays: row?.includeOptionalHolidays ?? DEFAULT_PAYROLL_SETTINGS.includeOptionalHolidays,
    workingTime: { ...DEFAULT_WORKING_TIME_RULES, ...(row?.workingTime ?? {}) },
    lateToleranceMinutes: row?.lateToleranceMinutes ?? DEFAULT_PAYROLL_SETTINGS.lateToleranceMinutes,
    configured: row !== null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

export function periodConfigOf(settings: PayrollSettingsView): PayPeriodConfig {
  return { frequency: settings.frequency, anchorDate: settings.anchorDate };
}

/** The library's settings for one team (its zone and travel model) of the organisation. */
export function calculatorSettingsOf(
  settings: PayrollSettingsView,
  team: { timezone: string; travelSpeedKmh: number; travelDetourFactor: number },
): PayrollSettings {
  return {
    timeZone: team.timezone,
    premiumBands: settings.premiumBands,
    publicHolidays: holidaysOf(BUILT_IN_HOLIDAY_CALENDARS[settings.holidayRegion], {
      includeOptional: settings.includeOptionalHolidays,
    }),
    travel: { speedKmh: team.travelSpeedKmh, detourFactor: team.travelDetourFactor },
    workingTime: settings.workingTime,
    lateToleranceMinutes: settings.lateToleranceMinutes,
  };
}
