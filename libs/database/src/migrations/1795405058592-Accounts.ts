import { MigrationInterface, QueryRunner } from "typeorm";

export class Accounts1795405058592 implements MigrationInterface {
    name = 'Accounts1795405058592'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "user_account" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "password_hash" text NOT NULL,
                "name" text NOT NULL DEFAULT '',
                "role" text NOT NULL,
                "organisation_id" uuid,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_user_account_organisation" CHECK (
                    ("role" = 'coordinator') = ("organisation_id" IS NOT NULL)
                ),
                CONSTRAINT "ck_user_account_role" CHECK (
                    "role" IN (
                        'administrator',
                        'coordinator',
                        'caregiver',
                        'family'
                    )
                ),
                CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_user_account_email_lower" ON "user_account" ("email")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6b1d49dc4407c09cf2e6e99a64" ON "user_account" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "client_access_link" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "relation" text NOT NULL DEFAULT '',
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by_user_id" uuid,
                CONSTRAINT "PK_d108d751ec2e36eb69c99ab43cf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3577b32207ddcd9bc3f647517c" ON "client_access_link" ("client_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_client_access_link_active" ON "client_access_link" ("user_id", "client_id")
            WHERE "revoked_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "access_log_entry" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "user_id" uuid,
                "client_id" uuid NOT NULL,
                "action" text NOT NULL,
                "route" text NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_74f816949105fc3145ad45ca8cd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_access_log_client_time" ON "access_log_entry" ("client_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "auth_refresh_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_57203170666c2ed599635e17a81" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d37ea24b7f4fe79c6f60203bdd" ON "auth_refresh_token" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_auth_refresh_token_hash" ON "auth_refresh_token" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_auth_refresh_token_family" ON "auth_refresh_token" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "invitation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "kind" text NOT NULL,
                "email" text NOT NULL,
                "first_name" text NOT NULL DEFAULT '',
                "invited_by_user_id" uuid,
                "organisation_id" uuid,
                "team_id" uuid,
                "caregiver_id" uuid,
                "client_id" uuid,
                "relation" text NOT NULL DEFAULT '',
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_user_id" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_invitation_target" CHECK (
                    (
                        "kind" = 'caregiver'
                        AND "team_id" IS NOT NULL
                    )
                    OR (
                        "kind" = 'family'
                        AND "client_id" IS NOT NULL
                    )
                    OR (
                        "kind" = 'coordinator'
                        AND "organisation_id" IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_invitation_kind" CHECK ("kind" IN ('caregiver', 'family', 'coordinator')),
                CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitation_token_hash" ON "invitation" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_913833c1541e680e8112131222" ON "invitation" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e252ae8906b8e70c59c65e4dcb" ON "invitation" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_28c84c1d0a3d063f3e23b8b5a1" ON "invitation" ("client_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver"
            ADD "user_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_89a3c4f4eced075685881d421f" ON "caregiver" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver"
            ADD CONSTRAINT "uq_caregiver_team_user" UNIQUE ("team_id", "user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver"
            ADD CONSTRAINT "FK_89a3c4f4eced075685881d421f9" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_access_link"
            ADD CONSTRAINT "FK_3ed01ab90689e89cf10474e920d" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_access_link"
            ADD CONSTRAINT "FK_3577b32207ddcd9bc3f647517c5" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "auth_refresh_token"
            ADD CONSTRAINT "FK_d37ea24b7f4fe79c6f60203bdda" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_4a0924fe6999ac3335f3ba843d5" FOREIGN KEY ("invited_by_user_id") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_913833c1541e680e8112131222f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_e252ae8906b8e70c59c65e4dcbe" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_6501af07df3af6d8aeaa00ddf88" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_28c84c1d0a3d063f3e23b8b5a18" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_28c84c1d0a3d063f3e23b8b5a18"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_6501af07df3af6d8aeaa00ddf88"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_e252ae8906b8e70c59c65e4dcbe"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_913833c1541e680e8112131222f"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_4a0924fe6999ac3335f3ba843d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "auth_refresh_token" DROP CONSTRAINT "FK_d37ea24b7f4fe79c6f60203bdda"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_access_link" DROP CONSTRAINT "FK_3577b32207ddcd9bc3f647517c5"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_access_link" DROP CONSTRAINT "FK_3ed01ab90689e89cf10474e920d"
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver" DROP CONSTRAINT "FK_89a3c4f4eced075685881d421f9"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_account" DROP CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646"
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver" DROP CONSTRAINT "uq_caregiver_team_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_89a3c4f4eced075685881d421f"
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver" DROP COLUMN "user_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_28c84c1d0a3d063f3e23b8b5a1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e252ae8906b8e70c59c65e4dcb"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_913833c1541e680e8112131222"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invitation_token_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "invitation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_auth_refresh_token_family"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_auth_refresh_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d37ea24b7f4fe79c6f60203bdd"
        `);
        await queryRunner.query(`
            DROP TABLE "auth_refresh_token"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_access_log_client_time"
        `);
        await queryRunner.query(`
            DROP TABLE "access_log_entry"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_client_access_link_active"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3577b32207ddcd9bc3f647517c"
        `);
        await queryRunner.query(`
            DROP TABLE "client_access_link"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6b1d49dc4407c09cf2e6e99a64"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_user_account_email_lower"
        `);
        await queryRunner.query(`
            DROP TABLE "user_account"
        `);
    }

}
