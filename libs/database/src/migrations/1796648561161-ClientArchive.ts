import { MigrationInterface, QueryRunner } from "typeorm";

export class ClientArchive1796648561161 implements MigrationInterface {
    name = 'ClientArchive1796648561161'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "client"
            ADD "archived_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "client" DROP COLUMN "archived_at"
        `);
    }

}
