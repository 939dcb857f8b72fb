import { MigrationInterface, QueryRunner } from "typeorm";

export class VisitPlans1795409397318 implements MigrationInterface {
    name = 'VisitPlans1795409397318'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "owner_user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "client_id" uuid,
                "caregiver_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_fetched_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by_user_id" uuid,
                CONSTRAINT "ck_calendar_feed_subject" CHECK (
                    (
                        "kind" = 'client'
                        AND "client_id" IS NOT NULL
                        AND "caregiver_id" IS NULL
                    )
                    OR (
                        "kind" = 'caregiver'
                        AND "caregiver_id" IS NOT NULL
                        AND "client_id" IS NULL
                    )
                ),
                CONSTRAINT "ck_calendar_feed_kind" CHECK ("kind" IN ('client', 'caregiver')),
                CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_feed_token_hash" ON "calendar_feed" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_dbd25fece44ce5fe59e29723c6" ON "calendar_feed" ("owner_user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_097cdb4035a8ad9bb06ed0a9c7" ON "calendar_feed" ("client_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_837dbfc070f104356ec36b6a55" ON "calendar_feed" ("caregiver_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "visit_plan_view" (
                "user_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "last_viewed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_5e98df0b389588f5ad1775903c3" PRIMARY KEY ("user_id", "client_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_dbd25fece44ce5fe59e29723c69" FOREIGN KEY ("owner_user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_097cdb4035a8ad9bb06ed0a9c70" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_837dbfc070f104356ec36b6a551" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_plan_view"
            ADD CONSTRAINT "FK_16a2de226454655824e7a4286ba" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_plan_view"
            ADD CONSTRAINT "FK_2004b604cb36b1ef6ad6b7e0ddf" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "visit_plan_view" DROP CONSTRAINT "FK_2004b604cb36b1ef6ad6b7e0ddf"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_plan_view" DROP CONSTRAINT "FK_16a2de226454655824e7a4286ba"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_837dbfc070f104356ec36b6a551"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_097cdb4035a8ad9bb06ed0a9c70"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_dbd25fece44ce5fe59e29723c69"
        `);
        await queryRunner.query(`
            DROP TABLE "visit_plan_view"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_837dbfc070f104356ec36b6a55"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_097cdb4035a8ad9bb06ed0a9c7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_dbd25fece44ce5fe59e29723c6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_feed_token_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
    }

}
