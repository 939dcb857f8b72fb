import { MigrationInterface, QueryRunner } from "typeorm";

/** Table, operation and transition tables of each trigger: a visit matters by its status only. */
const TRIGGERS = [
    ['published_assignment', 'INSERT', 'NEW TABLE AS new_rows'],
    ['published_assignment', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['published_assignment', 'DELETE', 'OLD TABLE AS old_rows'],
    ['visit', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['visit', 'DELETE', 'OLD TABLE AS old_rows'],
] as const;

/**
 * The table is generated; its triggers are written by hand (TypeORM does not model triggers).
 * Every statement that changes what a team's published roster shows (published assignments
 * inserted, removed or deleted; a visit's status changed; a visit deleted) counts the team's
 * revision up in its own transaction, so that a copy tagged with the old revision is known stale
 * the moment the change commits. Teams are taken in id order (no deadlock between two writers)
 * and only while they exist (a team being deleted takes its rows with it).
 */
export class PublishedRosterRevision1795446110684 implements MigrationInterface {
    name = 'PublishedRosterRevision1795446110684'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "published_roster_revision" (
                "team_id" uuid NOT NULL,
                "revision" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_55fa16a6a4f29fd5cd38ebd5a74" PRIMARY KEY ("team_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "published_roster_revision"
            ADD CONSTRAINT "FK_55fa16a6a4f29fd5cd38ebd5a74" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE FUNCTION "count_up_published_roster"(teams uuid[]) RETURNS void LANGUAGE sql AS $$
              INSERT INTO published_roster_revision AS r (team_id, revision)
              SELECT t.id, 1 FROM team t WHERE t.id = ANY(teams) ORDER BY t.id
              ON CONFLICT (team_id) DO UPDATE SET revision = r.revision + 1
            $$
        `);
        await queryRunner.query(`
            CREATE FUNCTION "count_published_roster_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- Transition tables exist per operation; PL/pgSQL plans a branch only when it runs.
              IF TG_TABLE_NAME = 'visit' AND TG_OP = 'UPDATE' THEN
                PERFORM count_up_published_roster(ARRAY(
                  SELECT n.team_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE n.status IS DISTINCT FROM o.status));
              ELSIF TG_OP = 'DELETE' THEN
                PERFORM count_up_published_roster(ARRAY(SELECT team_id FROM old_rows));
              ELSE
                PERFORM count_up_published_roster(ARRAY(SELECT team_id FROM new_rows));
              END IF;
              RETURN NULL;
            END $$
        `);
        for (const [table, operation, transition] of TRIGGERS) {
            await queryRunner.query(`
                CREATE TRIGGER "${table}_${operation.toLowerCase()}_revision" AFTER ${operation} ON "${table}"
                REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION "count_published_roster_revision"()
            `);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [table, operation] of TRIGGERS)
            await queryRunner.query(`DROP TRIGGER "${table}_${operation.toLowerCase()}_revision" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION "count_published_roster_revision"()`);
        await queryRunner.query(`DROP FUNCTION "count_up_published_roster"(uuid[])`);
        await queryRunner.query(`
            ALTER TABLE "published_roster_revision" DROP CONSTRAINT "FK_55fa16a6a4f29fd5cd38ebd5a74"
        `);
        await queryRunner.query(`
            DROP TABLE "published_roster_revision"
        `);
    }

}
