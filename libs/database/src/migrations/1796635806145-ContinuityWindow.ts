import { MigrationInterface, QueryRunner } from "typeorm";

export class ContinuityWindow1796635806145 implements MigrationInterface {
    name = 'ContinuityWindow1796635806145'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "continuity_window_weeks" integer NOT NULL DEFAULT '8'
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "ck_organisation_continuity_window" CHECK (
                    "continuity_window_weeks" BETWEEN 1 AND 26
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "ck_organisation_continuity_window"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "continuity_window_weeks"
        `);
    }

}
