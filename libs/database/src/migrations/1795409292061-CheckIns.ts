import { MigrationInterface, QueryRunner } from "typeorm";

export class CheckIns1795409292061 implements MigrationInterface {
    name = 'CheckIns1795409292061'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "visit_check_in" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "visit_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "checked_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "checked_out_at" TIMESTAMP WITH TIME ZONE,
                "latitude" double precision,
                "longitude" double precision,
                "check_out_latitude" double precision,
                "check_out_longitude" double precision,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_visit_check_in_visit_caregiver" UNIQUE ("visit_id", "caregiver_id"),
                CONSTRAINT "ck_visit_check_in_location" CHECK (("latitude" IS NULL) = ("longitude" IS NULL)),
                CONSTRAINT "ck_visit_check_in_order" CHECK (
                    "checked_out_at" IS NULL
                    OR "checked_out_at" > "checked_in_at"
                ),
                CONSTRAINT "PK_9fe88f06c5a5fb42ed904b18d0e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_visit_check_in_caregiver_time" ON "visit_check_in" ("caregiver_id", "checked_in_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "visit_check_in_correction" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "check_in_id" uuid NOT NULL,
                "field" text NOT NULL,
                "original_value" TIMESTAMP WITH TIME ZONE,
                "corrected_value" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reason" text NOT NULL,
                "corrected_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_visit_check_in_correction_reason" CHECK (length(btrim("reason")) > 0),
                CONSTRAINT "ck_visit_check_in_correction_field" CHECK ("field" IN ('checkedInAt', 'checkedOutAt')),
                CONSTRAINT "PK_49be06dbd157eb59038460051ee" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_visit_check_in_correction_check_in" ON "visit_check_in_correction" ("check_in_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_check_in"
            ADD CONSTRAINT "FK_2548b2c8f7c34f8d4f696298d83" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_check_in"
            ADD CONSTRAINT "FK_37a211e8de030a52dbaf00e2d20" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_check_in_correction"
            ADD CONSTRAINT "FK_b94988be37ade9cc99f68f19e0a" FOREIGN KEY ("check_in_id") REFERENCES "visit_check_in"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "visit_check_in_correction" DROP CONSTRAINT "FK_b94988be37ade9cc99f68f19e0a"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_check_in" DROP CONSTRAINT "FK_37a211e8de030a52dbaf00e2d20"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_check_in" DROP CONSTRAINT "FK_2548b2c8f7c34f8d4f696298d83"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_visit_check_in_correction_check_in"
        `);
        await queryRunner.query(`
            DROP TABLE "visit_check_in_correction"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_visit_check_in_caregiver_time"
        `);
        await queryRunner.query(`
            DROP TABLE "visit_check_in"
        `);
    }

}
