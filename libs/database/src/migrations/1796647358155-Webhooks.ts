import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1796647358155 implements MigrationInterface {
    name = 'Webhooks1796647358155'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_subscription" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "url" text NOT NULL,
                "event_types" text array NOT NULL,
                "secret" text NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_webhook_subscription_event_types" CHECK (
                    "event_types" <@ ARRAY ['plan.review-opened', 'plan.published', 'plan.amendment-recorded', 'client.visits-changed', 'pay-period.ready']::text []
                ),
                CONSTRAINT "PK_b52cb4811c5ada4f42896c37ba8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_subscription_organisation" ON "webhook_subscription" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_delivery" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subscription_id" uuid NOT NULL,
                "event_type" text NOT NULL,
                "payload" jsonb NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_webhook_delivery_event_type" CHECK (
                    "event_type" IN (
                        'plan.review-opened',
                        'plan.published',
                        'plan.amendment-recorded',
                        'client.visits-changed',
                        'pay-period.ready'
                    )
                ),
                CONSTRAINT "ck_webhook_delivery_status" CHECK (
                    "status" IN ('pending', 'delivered', 'failed', 'cancelled')
                ),
                CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_delivery_subscription_created" ON "webhook_delivery" ("subscription_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_attempt" (
                "id" BIGSERIAL NOT NULL,
                "delivery_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status_code" integer,
                "duration_ms" integer NOT NULL,
                "error" text,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_e4ff77b66cdd20591ba6189a1f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_attempt_delivery" ON "webhook_attempt" ("delivery_id", "attempt")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscription"
            ADD CONSTRAINT "FK_3bda5bf0277f0cdeef11515fc50" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery"
            ADD CONSTRAINT "FK_236a6a1218756223393d1fb5acc" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_attempt"
            ADD CONSTRAINT "FK_d7ed48c4841159bfd6bdee166ea" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "webhook_attempt" DROP CONSTRAINT "FK_d7ed48c4841159bfd6bdee166ea"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_236a6a1218756223393d1fb5acc"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscription" DROP CONSTRAINT "FK_3bda5bf0277f0cdeef11515fc50"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_attempt_delivery"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_attempt"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_delivery_subscription_created"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_delivery"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_subscription_organisation"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_subscription"
        `);
    }

}
