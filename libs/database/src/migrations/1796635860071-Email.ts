import { MigrationInterface, QueryRunner } from "typeorm";

export class Email1796635860071 implements MigrationInterface {
    name = 'Email1796635860071'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification_preference" (
                "user_id" uuid NOT NULL,
                "language" text NOT NULL DEFAULT 'nl',
                "email_off" text array NOT NULL DEFAULT '{}',
                "daily_digest" boolean NOT NULL DEFAULT false,
                "quiet_start" TIME,
                "quiet_end" TIME,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_notification_preference_quiet_hours" CHECK (
                    ("quiet_start" IS NULL) = ("quiet_end" IS NULL)
                    AND (
                        "quiet_start" IS NULL
                        OR "quiet_start" <> "quiet_end"
                    )
                ),
                CONSTRAINT "ck_notification_preference_language" CHECK ("language" IN ('nl', 'en')),
                CONSTRAINT "PK_ff040d2d2e35c49b00525783829" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "password_reset" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8515e60a2cc41584fa4784f52ce" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ad88301fdc79593dd222268a8b" ON "password_reset" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_password_reset_token_hash" ON "password_reset" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "language" text NOT NULL DEFAULT 'nl'
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference"
            ADD CONSTRAINT "FK_ff040d2d2e35c49b00525783829" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "password_reset"
            ADD CONSTRAINT "FK_ad88301fdc79593dd222268a8b6" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "password_reset" DROP CONSTRAINT "FK_ad88301fdc79593dd222268a8b6"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_ff040d2d2e35c49b00525783829"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "language"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_password_reset_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ad88301fdc79593dd222268a8b"
        `);
        await queryRunner.query(`
            DROP TABLE "password_reset"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_preference"
        `);
    }

}
