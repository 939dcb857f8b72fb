import { MigrationInterface, QueryRunner } from "typeorm";

export class Negotiation1795407966310 implements MigrationInterface {
    name = 'Negotiation1795407966310'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "roster_plan" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "status" text NOT NULL DEFAULT 'proposal',
                "revision" integer NOT NULL DEFAULT '1',
                "current_version" integer NOT NULL DEFAULT '0',
                "published_version" integer,
                "review_deadline" TIMESTAMP WITH TIME ZONE,
                "time_limit_ms" integer NOT NULL,
                "seed" integer NOT NULL DEFAULT '1',
                "pending_roster_id" uuid,
                "created_by" uuid,
                "agreed_at" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_roster_plan_period" CHECK ("period_end" >= "period_start"),
                CONSTRAINT "ck_roster_plan_status" CHECK (
                    "status" IN ('proposal', 'in-review', 'agreed', 'published')
                ),
                CONSTRAINT "PK_b516ba4558b181bb56f80377932" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_plan_team_period" ON "roster_plan" ("team_id", "period_start")
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_version" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "kind" text NOT NULL,
                "based_on" integer,
                "roster_id" uuid,
                "reason" text NOT NULL,
                "created_by" uuid,
                "changes" jsonb NOT NULL DEFAULT '[]',
                "changed_count" integer NOT NULL DEFAULT '0',
                "kpis" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_roster_plan_version_roster" UNIQUE ("roster_id"),
                CONSTRAINT "uq_roster_plan_version_number" UNIQUE ("plan_id", "number"),
                CONSTRAINT "ck_roster_plan_version_kind" CHECK (
                    "kind" IN ('computed', 'recompute', 'edit', 'amendment')
                ),
                CONSTRAINT "PK_5357407a85d69b90d773a0730cf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version_id" uuid NOT NULL,
                "visit_id" uuid NOT NULL,
                "caregiver_ids" uuid array NOT NULL DEFAULT '{}',
                "start" TIMESTAMP WITH TIME ZONE,
                "end" TIMESTAMP WITH TIME ZONE,
                "pinned" boolean NOT NULL DEFAULT false,
                "explanation" text array NOT NULL DEFAULT '{}',
                "flags" jsonb NOT NULL DEFAULT '[]',
                CONSTRAINT "uq_roster_plan_assignment_visit" UNIQUE ("version_id", "visit_id"),
                CONSTRAINT "PK_6e3201dc4b849862a9fd3a0dc3f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_roster_plan_consent" UNIQUE ("plan_id", "version", "caregiver_id"),
                CONSTRAINT "PK_f51b8e554919f0f28a47f63419e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_objection" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "visit_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "resolved_in_version" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_roster_plan_objection_status" CHECK ("status" IN ('open', 'resolved', 'withdrawn')),
                CONSTRAINT "PK_b9f01e5b6e8d12950d61be58779" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_plan_objection_plan" ON "roster_plan_objection" ("plan_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_offer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "visit_id" uuid NOT NULL,
                "from_caregiver_id" uuid NOT NULL,
                "to_caregiver_id" uuid,
                "exchange_visit_id" uuid,
                "note" text,
                "status" text NOT NULL DEFAULT 'open',
                "accepted_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_roster_plan_offer_status" CHECK (
                    "status" IN (
                        'open',
                        'accepted',
                        'declined',
                        'withdrawn',
                        'void'
                    )
                ),
                CONSTRAINT "PK_2af9be771713cc9c7aacc9ffcf7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_plan_offer_plan" ON "roster_plan_offer" ("plan_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_event" (
                "id" BIGSERIAL NOT NULL,
                "plan_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "actor_user_id" uuid,
                "actor_caregiver_id" uuid,
                "revision" integer,
                "before" jsonb,
                "after" jsonb,
                "summary" text NOT NULL DEFAULT '',
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fa73dafeb3fb70b9049e9b35273" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_plan_event_plan" ON "roster_plan_event" ("plan_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "roster_plan_amendment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reason" text NOT NULL,
                "exception_id" uuid,
                "roster_id" uuid NOT NULL,
                "based_on_version" integer NOT NULL,
                "version" integer,
                "status" text NOT NULL DEFAULT 'computing',
                "changed_count" integer,
                "affected_caregiver_ids" uuid array NOT NULL DEFAULT '{}',
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_roster_plan_amendment_status" CHECK ("status" IN ('computing', 'published', 'failed')),
                CONSTRAINT "PK_0d84a468a8fed78aa72ba1d7baa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_roster_plan_amendment_plan" ON "roster_plan_amendment" ("plan_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "published_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "team_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "visit_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "removed_at" TIMESTAMP WITH TIME ZONE,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_published_assignment_order" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "PK_24f7b4f9bc44df201aa47fba8fc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_published_assignment_changed" ON "published_assignment" ("team_id", "changed_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_published_assignment_visit" ON "published_assignment" ("visit_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_published_assignment_client_time" ON "published_assignment" ("client_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_published_assignment_team_time" ON "published_assignment" ("team_id", "starts_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "roster"
            ADD "plan_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "roster"
            ADD "based_on_version" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan"
            ADD CONSTRAINT "FK_c27bd9d317af3676a23061f0916" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_version"
            ADD CONSTRAINT "FK_81843602f6477ec7fa2ba12b8ab" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_assignment"
            ADD CONSTRAINT "FK_f82d5d905a539598df943b0f936" FOREIGN KEY ("version_id") REFERENCES "roster_plan_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_consent"
            ADD CONSTRAINT "FK_54fb45a2fd284df80e9cd84ae79" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_objection"
            ADD CONSTRAINT "FK_4c3fc08ed5f433be14999d29f94" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_offer"
            ADD CONSTRAINT "FK_77cc66344ae3b39e3f753a16a72" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_event"
            ADD CONSTRAINT "FK_34da9670dea77c9d7a1cc569065" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_amendment"
            ADD CONSTRAINT "FK_57aeb7935af5d4d26e414e08621" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "published_assignment"
            ADD CONSTRAINT "FK_294de8ad4b1529d3e3dff325692" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "published_assignment" DROP CONSTRAINT "FK_294de8ad4b1529d3e3dff325692"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_amendment" DROP CONSTRAINT "FK_57aeb7935af5d4d26e414e08621"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_event" DROP CONSTRAINT "FK_34da9670dea77c9d7a1cc569065"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_offer" DROP CONSTRAINT "FK_77cc66344ae3b39e3f753a16a72"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_objection" DROP CONSTRAINT "FK_4c3fc08ed5f433be14999d29f94"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_consent" DROP CONSTRAINT "FK_54fb45a2fd284df80e9cd84ae79"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_assignment" DROP CONSTRAINT "FK_f82d5d905a539598df943b0f936"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan_version" DROP CONSTRAINT "FK_81843602f6477ec7fa2ba12b8ab"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster_plan" DROP CONSTRAINT "FK_c27bd9d317af3676a23061f0916"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster" DROP COLUMN "based_on_version"
        `);
        await queryRunner.query(`
            ALTER TABLE "roster" DROP COLUMN "plan_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_published_assignment_team_time"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_published_assignment_client_time"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_published_assignment_visit"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_published_assignment_changed"
        `);
        await queryRunner.query(`
            DROP TABLE "published_assignment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_plan_amendment_plan"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_amendment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_plan_event_plan"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_plan_offer_plan"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_offer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_plan_objection_plan"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_objection"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_consent"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_assignment"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan_version"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_roster_plan_team_period"
        `);
        await queryRunner.query(`
            DROP TABLE "roster_plan"
        `);
    }

}
