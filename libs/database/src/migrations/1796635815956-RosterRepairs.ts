import { MigrationInterface, QueryRunner } from "typeorm";

export class RosterRepairs1796635815956 implements MigrationInterface {
    name = 'RosterRepairs1796635815956'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "roster"
            ADD "repairs" integer NOT NULL DEFAULT '0'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "roster" DROP COLUMN "repairs"
        `);
    }

}
