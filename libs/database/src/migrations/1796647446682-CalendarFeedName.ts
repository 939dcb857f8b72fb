import { MigrationInterface, QueryRunner } from "typeorm";

export class CalendarFeedName1796647446682 implements MigrationInterface {
    name = 'CalendarFeedName1796647446682'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD "name" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP COLUMN "name"
        `);
    }

}
