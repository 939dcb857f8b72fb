import { MigrationInterface, QueryRunner } from "typeorm";

export class Rosters1795405036778 implements MigrationInterface {
    name = 'Rosters1795405036778'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" BIGSERIAL NOT NULL,
                "kind" text NOT NULL,
                "queue_name" text NOT NULL,
                "job_name" text NOT NULL,
                "job_id" text NOT NULL,
                "payload" jsonb NOT NULL,
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_pending" ON "outbox" ("available_at")
            WHERE "dispatched_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_run" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "time_limit_ms" integer NOT NULL,
                "team_ids" uuid array NOT NULL,
                "job_id" text NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c2c7a728b7c47c9d1a17b1a7e98" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_run_organisation" ON "roster_run" ("organisation_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "roster" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "run_id" uuid,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "time_limit_ms" integer NOT NULL,
                "seed" integer NOT NULL,
                "input_hash" text NOT NULL,
                "job_id" text NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "progress" double precision NOT NULL DEFAULT '0',
                "best_kpis" jsonb,
                "kpis" jsonb,
                "stats" jsonb,
                "unassigned" jsonb,
                "failure_reason" text,
                "attempts" integer NOT NULL DEFAULT '0',
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_roster_run_team" UNIQUE ("run_id", "team_id"),
                CONSTRAINT "ck_roster_period" CHECK ("period_end" >= "period_start"),
                CONSTRAINT "ck_roster_status" CHECK (
                    "status" IN ('queued', 'running', 'done', 'failed')
                ),
                CONSTRAINT "PK_a4942154015f2666f3b5ddc15d3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_team_created" ON "roster" ("team_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_roster_pending_input" ON "roster" ("team_id", "input_hash")
            WHERE "status" IN ('queued', 'running')
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "roster_id" uuid NOT NULL,
                "visit_id" uuid NOT NULL,
                "scenario_visit_id" text NOT NULL,
                "caregiver_ids" uuid array NOT NULL,
                "scenario_caregiver_ids" text array NOT NULL,
                "start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "explanation" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "uq_roster_assignment_visit" UNIQUE ("roster_id", "visit_id"),
                CONSTRAINT "PK_198eeedaca6de67733f40c8a849" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_run"
            ADD CONSTRAINT "FK_0ecf21fdafe97baa86eafbc7c11" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster"
            ADD CONSTRAINT "FK_3f75a303a2af833a28efd951e91" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster"
            ADD CONSTRAINT "FK_c2c7a728b7c47c9d1a17b1a7e98" FOREIGN KEY ("run_id") REFERENCES "roster_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_assignment"
            ADD CONSTRAINT "FK_f74b46438aada9ba139c149a7ef" FOREIGN KEY ("roster_id") REFERENCES "roster"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "roster_assignment" DROP CONSTRAINT "FK_f74b46438aada9ba139c149a7ef"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster" DROP CONSTRAINT "FK_c2c7a728b7c47c9d1a17b1a7e98"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster" DROP CONSTRAINT "FK_3f75a303a2af833a28efd951e91"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_run" DROP CONSTRAINT "FK_0ecf21fdafe97baa86eafbc7c11"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_assignment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_roster_pending_input"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_team_created"
        `);
        await queryRunner.query(`
            DROP TABLE "roster"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_run_organisation"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_run"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox"
        `);
    }

}
