import { MigrationInterface, QueryRunner } from "typeorm";

export class VisitTeamCancelledIndex1795421163119 implements MigrationInterface {
    name = 'VisitTeamCancelledIndex1795421163119'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_visit_team_cancelled" ON "visit" ("team_id", "earliest_start")
            WHERE "status" = 'cancelled'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_visit_team_cancelled"
        `);
    }

}
