import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { type Principal } from '@homecare/core/principal';
import {
  CreatedWebhookSubscriptionView,
  WebhookDeliveryPage,
  WebhookSecretView,
  WebhookSubscriptionsService,
  WebhookSubscriptionView,
} from '@homecare/core/webhooks';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  CreateWebhookSubscriptionDto,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryQueryDto,
} from './dto/webhooks.dto';

/**
 * An organisation's webhook subscriptions: its coordinators (and administrators) choose where
 * which events go, see the delivery log, and rotate the signing secret. How a receiver checks a
 * signature: docs/webhooks.md and the document's `x-webhooks`.
 */
@ApiTags('webhooks')
@Controller('organisations/:organisationId/webhook-subscriptions')
@Allow('administrator', 'coordinator')
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly access: AccessService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a receiver to event types; the answer holds its secret, shown only now',
  })
  async create(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: CreateWebhookSubscriptionDto,
  ): Promise<CreatedWebhookSubscriptionView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.create(organisationId, body, user.userId);
  }

  @Get()
  @ApiOperation({ summary: "The organisation's subscriptions (never their secrets)" })
  async list(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
  ): Promise<WebhookSubscriptionView[]> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.list(organisationId);
  }

  @Get(':subscriptionId')
  async get(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
  ): Promise<WebhookSubscriptionView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.get(organisationId, subscriptionId);
  }

  @Patch(':subscriptionId')
  @ApiOperation({
    summary: 'Change the address or event types, or disable (enabled: false) and enable again',
  })
  async update(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Body() body: UpdateWebhookSubscriptionDto,
  ): Promise<WebhookSubscriptionView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.update(organisationId, subscriptionId, body);
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  async remove(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
  ): Promise<void> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    await this.subscriptions.remove(organisationId, subscriptionId);
  }

  @Post(':subscriptionId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, at once (shown only now); the old one signs nothing more' })
  async rotateSecret(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
  ): Promise<WebhookSecretView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.rotateSecret(organisationId, subscriptionId);
  }

  @Get(':subscriptionId/deliveries')
  @ApiOperation({
    summary: 'The delivery log: each event with every attempt (status, duration, error, next try)',
  })
  async deliveries(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPage> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.subscriptions.deliveries(organisationId, subscriptionId, query);
  }
}
