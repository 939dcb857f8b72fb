import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Tells every API process when an account's access changes (disabled, deleted, another role or
 * organisation), so that they can keep the accounts they authenticate in memory: the channel
 * carries the account id, or `*` when the table was emptied. Written by hand: TypeORM does not
 * model triggers. Whoever changes the table, in SQL or through the API, the processes hear of it.
 */
export class AccountChangeNotify1795445000000 implements MigrationInterface {
    name = 'AccountChangeNotify1795445000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION "notify_user_account_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_LEVEL = 'STATEMENT' THEN
                PERFORM pg_notify('user_account_changed', '*');
              ELSE
                PERFORM pg_notify('user_account_changed', OLD.id::text);
              END IF;
              RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "user_account_access_changed" AFTER UPDATE ON "user_account" FOR EACH ROW
            WHEN (OLD.role IS DISTINCT FROM NEW.role
                  OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
                  OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at
                  OR OLD.id IS DISTINCT FROM NEW.id)
            EXECUTE FUNCTION "notify_user_account_changed"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "user_account_deleted" AFTER DELETE ON "user_account" FOR EACH ROW
            EXECUTE FUNCTION "notify_user_account_changed"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "user_account_truncated" AFTER TRUNCATE ON "user_account" FOR EACH STATEMENT
            EXECUTE FUNCTION "notify_user_account_changed"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "user_account_truncated" ON "user_account"`);
        await queryRunner.query(`DROP TRIGGER "user_account_deleted" ON "user_account"`);
        await queryRunner.query(`DROP TRIGGER "user_account_access_changed" ON "user_account"`);
        await queryRunner.query(`DROP FUNCTION "notify_user_account_changed"()`);
    }

}
