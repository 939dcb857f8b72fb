import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkingTimeRules1796627147277 implements MigrationInterface {
    name = 'WorkingTimeRules1796627147277'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "caregiver_wish" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caregiver_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "kind" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_caregiver_wish_kind" CHECK ("kind" IN ('avoid', 'prefer')),
                CONSTRAINT "ck_caregiver_wish_order" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "PK_f402343ef55b183d63d26c9c820" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_caregiver_wish_caregiver_time" ON "caregiver_wish" ("caregiver_id", "starts_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "min_rest_minutes" integer DEFAULT '660'
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "max_consecutive_days" integer DEFAULT '6'
        `);
        await queryRunner.query(`
            ALTER TABLE "team"
            ADD "working_time_overrides" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need"
            ADD "priority" text NOT NULL DEFAULT 'normal'
        `);
        await queryRunner.query(`
            ALTER TABLE "visit"
            ADD "priority" text
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "ck_organisation_max_consecutive" CHECK (
                    "max_consecutive_days" IS NULL
                    OR "max_consecutive_days" BETWEEN 1 AND 31
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "ck_organisation_min_rest" CHECK (
                    "min_rest_minutes" IS NULL
                    OR "min_rest_minutes" BETWEEN 1 AND 2880
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need"
            ADD CONSTRAINT "ck_care_need_priority" CHECK ("priority" IN ('critical', 'normal', 'optional'))
        `);
        await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "ck_visit_priority" CHECK (
                    "priority" IS NULL
                    OR "priority" IN ('critical', 'normal', 'optional')
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver_wish"
            ADD CONSTRAINT "FK_9073da2a9d89e55e6c3f5f1e0da" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "caregiver_wish" DROP CONSTRAINT "FK_9073da2a9d89e55e6c3f5f1e0da"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "ck_visit_priority"
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need" DROP CONSTRAINT "ck_care_need_priority"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "ck_organisation_min_rest"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "ck_organisation_max_consecutive"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit" DROP COLUMN "priority"
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need" DROP COLUMN "priority"
        `);
        await queryRunner.query(`
            ALTER TABLE "team" DROP COLUMN "working_time_overrides"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "max_consecutive_days"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "min_rest_minutes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_caregiver_wish_caregiver_time"
        `);
        await queryRunner.query(`
            DROP TABLE "caregiver_wish"
        `);
    }

}
