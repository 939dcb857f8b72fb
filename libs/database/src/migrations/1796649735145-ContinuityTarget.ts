import { MigrationInterface, QueryRunner } from "typeorm";

export class ContinuityTarget1796649735145 implements MigrationInterface {
    name = 'ContinuityTarget1796649735145'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings"
            ADD "continuity_target_distinct_caregivers" double precision NOT NULL DEFAULT '2'
        `);
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings"
            ADD CONSTRAINT "ck_team_planning_settings_continuity_target" CHECK (
                    "continuity_target_distinct_caregivers" >= 1
                    AND "continuity_target_distinct_caregivers" <= 20
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings" DROP CONSTRAINT "ck_team_planning_settings_continuity_target"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings" DROP COLUMN "continuity_target_distinct_caregivers"
        `);
    }

}
