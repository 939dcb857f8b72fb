import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '@homecare/common';
import { AccessService } from '@homecare/core/access';
import {
  type PayPeriodList,
  type PayPeriodView,
  PayPeriodsService,
  type PayrollSettingsView,
  PayrollSettingsService,
  type TimesheetsPage,
} from '@homecare/core/payroll';
import { type Principal } from '@homecare/core/principal';
import { exportCsv, exportJson, PayrollExportLine } from '@homecare/payroll';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  OrganisationQueryDto,
  PayPeriodRangeDto,
  PayrollSettingsDto,
  TimesheetsQueryDto,
} from './dto/payroll.dto';

/**
 * Payroll: an organisation's settings and pay periods, timesheets, approval, locking and the
 * streamed exports. Coordinators manage; a caregiver reads their own timesheets only.
 * `periodKey` is the first local date of a period (`GET /organisations/{id}/pay-periods` lists them).
 */
@ApiTags('payroll')
@Controller()
export class PayrollController {
  constructor(
    private readonly settings: PayrollSettingsService,
    private readonly periods: PayPeriodsService,
    private readonly access: AccessService,
  ) {}

  @Get('organisations/:organisationId/payroll-settings')
  @Allow('administrator', 'coordinator')
  async getSettings(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
  ): Promise<PayrollSettingsView> {
    await this.access.assertOrganisations(user, [organisationId], 'read');
    return this.settings.get(organisationId);
  }

  @Put('organisations/:organisationId/payroll-settings')
  @ApiOperation({ summary: 'Replace the payroll settings (the period is fixed once one was approved)' })
  @Allow('administrator', 'coordinator')
  async putSettings(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: PayrollSettingsDto,
  ): Promise<PayrollSettingsView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.settings.put(organisationId, body);
  }

  @Get('organisations/:organisationId/pay-periods')
  @ApiOperation({ summary: 'Pay periods touching from..to, with their state (open, approved, locked)' })
  @Allow('administrator', 'coordinator')
  async listPeriods(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Query() query: PayPeriodRangeDto,
  ): Promise<PayPeriodList> {
    await this.access.assertOrganisations(user, [organisationId], 'read');
    return this.periods.list(organisationId, query);
  }

  @Get('pay-periods/:periodKey/timesheets')
  @ApiOperation({
    summary: "Timesheets of the period: a coordinator's whole organisation (paged), a caregiver's own",
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async timesheets(
    @CurrentUser() user: Principal,
    @Param('periodKey') periodKey: string,
    @Query() query: TimesheetsQueryDto,
  ): Promise<TimesheetsPage> {
    await this.access.assertOrganisations(user, [query.organisationId], 'read');
    const caregiverIds = query.caregiverId ? [query.caregiverId] : undefined;
    if (user.role === 'caregiver') {
      // Their own Caregiver rows only: a colleague's timesheet is not found.
      const page = await this.periods.timesheetPage(
        query.organisationId,
        periodKey,
        { caregiverIds, userId: user.userId },
        query,
      );
      return page;
    }
    await this.access.assertOrganisations(user, [query.organisationId], 'write');
    return this.periods.timesheetPage(query.organisationId, periodKey, { caregiverIds }, query);
  }

  @Post('pay-periods/:periodKey/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a period that is over (again: no change; 409 when locked)' })
  @Allow('administrator', 'coordinator')
  async approve(
    @CurrentUser() user: Principal,
    @Param('periodKey') periodKey: string,
    @Query() query: OrganisationQueryDto,
  ): Promise<PayPeriodView> {
    await this.access.assertOrganisations(user, [query.organisationId], 'write');
    return this.periods.approve(query.organisationId, periodKey, user.userId);
  }

  @Post('pay-periods/:periodKey/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock an approved period: its timesheets are stored and never change again' })
  @Allow('administrator', 'coordinator')
  async lock(
    @CurrentUser() user: Principal,
    @Param('periodKey') periodKey: string,
    @Query() query: OrganisationQueryDto,
  ): Promise<PayPeriodView> {
    await this.access.assertOrganisations(user, [query.organisationId], 'write');
    return this.periods.lock(query.organisationId, periodKey, user.userId);
  }

  @Get('pay-periods/:periodKey/export.csv')
  @ApiOperation({ summary: 'The period as CSV (UTF-8, RFC 4180, columns PAYROLL_CSV_COLUMNS), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @Allow('administrator', 'coordinator')
  async exportCsv(
    @CurrentUser() user: Principal,
    @Param('periodKey') periodKey: string,
    @Query() query: OrganisationQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.export(user, periodKey, query.organisationId, response, 'csv');
  }

  @Get('pay-periods/:periodKey/export.json')
  @ApiOperation({ summary: 'The period as a JSON array of export lines, streamed' })
  @ApiOkResponse({ type: [PayrollExportLine] })
  @Allow('administrator', 'coordinator')
  async exportJson(
    @CurrentUser() user: Principal,
    @Param('periodKey') periodKey: string,
    @Query() query: OrganisationQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.export(user, periodKey, query.organisationId, response, 'json');
  }

  /**
   * Checks and resolves everything before the first byte (so refusals are problem+json), then
   * pipes the export into the response a caregiver page at a time, back-pressure included.
   */
  private async export(
    user: Principal,
    periodKey: string,
    organisationId: string,
    response: Response,
    format: 'csv' | 'json',
  ): Promise<void> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    const { period, timesheets } = await this.periods.stream(organisationId, periodKey);
    response.status(200);
    response.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="payroll-${period.start}_${period.end}.${format}"`,
    );
    response.setHeader('X-Pay-Period-State', period.state);
    await send(response, Readable.from(format === 'csv' ? exportCsv(timesheets) : exportJson(timesheets)));
  }
}

/**
 * Pipes the export into the response, a caregiver page at a time (back-pressure included). Once
 * the first bytes left, a failure can only cut the response short: the client sees a broken
 * transfer, never a well-formed but partial file.
 */
async function send(response: Response, body: Readable): Promise<void> {
  try {
    await pipeline(body, response);
  } catch (error) {
    if (!response.headersSent) throw error instanceof Error ? error : new NotFoundError('export');
    response.destroy(error instanceof Error ? error : undefined);
  }
}
