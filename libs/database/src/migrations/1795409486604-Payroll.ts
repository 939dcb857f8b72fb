import { MigrationInterface, QueryRunner } from "typeorm";

export class Payroll1795409486604 implements MigrationInterface {
    name = 'Payroll1795409486604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organisation_payroll_settings" (
                "organisation_id" uuid NOT NULL,
                "frequency" text NOT NULL,
                "anchor_date" date NOT NULL,
                "premium_bands" jsonb NOT NULL,
                "holiday_region" text NOT NULL DEFAULT 'NL',
                "include_optional_holidays" boolean NOT NULL DEFAULT false,
                "working_time" jsonb NOT NULL DEFAULT '{}',
                "late_tolerance_minutes" integer NOT NULL DEFAULT '15',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_organisation_payroll_settings_late" CHECK (
                    "late_tolerance_minutes" BETWEEN 0 AND 240
                ),
                CONSTRAINT "ck_organisation_payroll_settings_frequency" CHECK (
                    "frequency" IN ('weekly', 'two-weekly', 'four-weekly', 'monthly')
                ),
                CONSTRAINT "PK_805fc8ff05da5b5de964a212993" PRIMARY KEY ("organisation_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pay_period_state" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "period_id" text NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "state" text NOT NULL,
                "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "approved_by" uuid NOT NULL,
                "locked_at" TIMESTAMP WITH TIME ZONE,
                "locked_by" uuid,
                CONSTRAINT "uq_pay_period_state_organisation_period" UNIQUE ("organisation_id", "period_id"),
                CONSTRAINT "ck_pay_period_state_dates" CHECK ("period_end" >= "period_start"),
                CONSTRAINT "ck_pay_period_state_state" CHECK ("state" IN ('approved', 'locked')),
                CONSTRAINT "PK_3cb455d4e6c833713d80dfeb210" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "payroll_locked_timesheet" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "period_id" text NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "timesheet" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_payroll_locked_timesheet" UNIQUE ("organisation_id", "period_id", "caregiver_id"),
                CONSTRAINT "PK_cc2760817242d20735ad55f794d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payroll_locked_timesheet_caregiver" ON "payroll_locked_timesheet" ("caregiver_id", "period_start")
        `);
        await queryRunner.query(`
            CREATE TABLE "payroll_adjustment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "period_id" text NOT NULL,
                "adjusts_period_id" text NOT NULL,
                "lines" jsonb NOT NULL,
                "recomputed" jsonb NOT NULL,
                "check_in_correction_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_65d31c4cdaca7c195dca039f052" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payroll_adjustment_source" ON "payroll_adjustment" (
                "caregiver_id",
                "adjusts_period_id",
                "created_at"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payroll_adjustment_target" ON "payroll_adjustment" ("organisation_id", "period_id", "caregiver_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation_payroll_settings"
            ADD CONSTRAINT "FK_805fc8ff05da5b5de964a212993" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pay_period_state"
            ADD CONSTRAINT "FK_9d61eb19f42e7fd66e06c1ce59d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payroll_locked_timesheet"
            ADD CONSTRAINT "FK_78451a000c6466888a3883a0708" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payroll_adjustment"
            ADD CONSTRAINT "FK_7cc175b3d910936712803505516" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "payroll_adjustment" DROP CONSTRAINT "FK_7cc175b3d910936712803505516"
        `);
        await queryRunner.query(`
            ALTER TABLE "payroll_locked_timesheet" DROP CONSTRAINT "FK_78451a000c6466888a3883a0708"
        `);
        await queryRunner.query(`
            ALTER TABLE "pay_period_state" DROP CONSTRAINT "FK_9d61eb19f42e7fd66e06c1ce59d"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation_payroll_settings" DROP CONSTRAINT "FK_805fc8ff05da5b5de964a212993"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payroll_adjustment_target"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payroll_adjustment_source"
        `);
        await queryRunner.query(`
            DROP TABLE "payroll_adjustment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payroll_locked_timesheet_caregiver"
        `);
        await queryRunner.query(`
            DROP TABLE "payroll_locked_timesheet"
        `);
        await queryRunner.query(`
            DROP TABLE "pay_period_state"
        `);
        await queryRunner.query(`
            DROP TABLE "organisation_payroll_settings"
        `);
    }

}
