import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1796626588195 implements MigrationInterface {
    name = 'Notifications1796626588195'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}',
                "link" text NOT NULL,
                "group_key" text,
                "count" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_notification_kind" CHECK (
                    "kind" IN (
                        'visit.moved',
                        'visit.cancelled',
                        'plan.review-opened',
                        'plan.published'
                    )
                ),
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_unread_group" ON "notification" ("user_id", "group_key")
            WHERE "read_at" IS NULL
                AND "group_key" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_user_created" ON "notification" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_user_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notification_unread_group"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
    }

}
