import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795403923119 implements MigrationInterface {
    name = 'InitialSchema1795403923119'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "team" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "name" text NOT NULL,
                "timezone" text NOT NULL,
                "travel_speed_kmh" double precision NOT NULL DEFAULT '15',
                "travel_detour_factor" double precision NOT NULL DEFAULT '1.3',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f86f7d0f12e5ce185e6813b040" ON "team" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "caregiver" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "first_name" text NOT NULL,
                "last_name" text NOT NULL DEFAULT '',
                "skills" text array NOT NULL DEFAULT '{}',
                "max_minutes_per_week" integer NOT NULL,
                "max_minutes_per_day" integer,
                "travel_speed_kmh" double precision,
                "active" boolean NOT NULL DEFAULT true,
                "external_ref" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_caregiver_team_external_ref" UNIQUE ("team_id", "external_ref"),
                CONSTRAINT "ck_caregiver_speed" CHECK (
                    "travel_speed_kmh" IS NULL
                    OR "travel_speed_kmh" > 0
                ),
                CONSTRAINT "ck_caregiver_minutes" CHECK (
                    "max_minutes_per_week" >= 0
                    AND (
                        "max_minutes_per_day" IS NULL
                        OR "max_minutes_per_day" >= 0
                    )
                ),
                CONSTRAINT "PK_114bf658fe2b416245381f89be0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_49863d05c520bfc36a6876acb2" ON "caregiver" ("team_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "availability_window" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caregiver_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_availability_window_order" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "PK_4394b198b46489d902698d50b74" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_availability_window_caregiver_time" ON "availability_window" ("caregiver_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "availability_pattern" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caregiver_id" uuid NOT NULL,
                "weekday" smallint NOT NULL,
                "start_time" text NOT NULL,
                "end_time" text NOT NULL,
                "valid_from" date NOT NULL,
                "valid_until" date,
                CONSTRAINT "ck_availability_pattern_times" CHECK (
                    "start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
                    AND "end_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
                ),
                CONSTRAINT "ck_availability_pattern_weekday" CHECK (
                    "weekday" BETWEEN 1 AND 7
                ),
                CONSTRAINT "PK_953dcca502657e36a8da5217da2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_availability_pattern_caregiver" ON "availability_pattern" ("caregiver_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "availability_exception" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caregiver_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "kind" text NOT NULL DEFAULT 'other',
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_availability_exception_order" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "PK_e8c763ffcd5a72f302c889147c4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_availability_exception_caregiver_time" ON "availability_exception" ("caregiver_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "client" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "name" text NOT NULL,
                "address" text NOT NULL DEFAULT '',
                "latitude" double precision NOT NULL,
                "longitude" double precision NOT NULL,
                "preferred_caregiver_ids" uuid array NOT NULL DEFAULT '{}',
                "excluded_caregiver_ids" uuid array NOT NULL DEFAULT '{}',
                "family_contacts" jsonb NOT NULL DEFAULT '[]',
                "notes" text NOT NULL DEFAULT '',
                "external_ref" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_client_team_external_ref" UNIQUE ("team_id", "external_ref"),
                CONSTRAINT "ck_client_location" CHECK (
                    "latitude" BETWEEN -90 AND 90
                    AND "longitude" BETWEEN -180 AND 180
                ),
                CONSTRAINT "PK_96da49381769303a6515a8785c7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_230a7b5cdb4b5545ec09a31a4e" ON "client" ("team_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "client_caregiver_history" (
                "client_id" uuid NOT NULL,
                "caregiver_id" uuid NOT NULL,
                "visits" integer NOT NULL,
                CONSTRAINT "PK_b01fc6d67ea1a2b4eb1bc3acf46" PRIMARY KEY ("client_id", "caregiver_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "care_need" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "client_id" uuid NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "weekdays" smallint array NOT NULL,
                "window_start" text NOT NULL,
                "window_end" text NOT NULL,
                "duration_minutes" integer NOT NULL,
                "required_skills" text array NOT NULL DEFAULT '{}',
                "caregivers_needed" smallint NOT NULL DEFAULT '1',
                "starts_on" date NOT NULL,
                "ends_on" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_care_need_dates" CHECK (
                    "ends_on" IS NULL
                    OR "ends_on" >= "starts_on"
                ),
                CONSTRAINT "ck_care_need_caregivers" CHECK (
                    "caregivers_needed" BETWEEN 1 AND 4
                ),
                CONSTRAINT "ck_care_need_duration" CHECK ("duration_minutes" > 0),
                CONSTRAINT "PK_7c721cd9f96eccbe1b3ae73609a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4d0f759b2dcad0c3fd57883983" ON "care_need" ("client_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "visit" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "care_need_id" uuid,
                "date" date NOT NULL,
                "earliest_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "latest_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_minutes" integer NOT NULL,
                "required_skills" text array NOT NULL DEFAULT '{}',
                "caregivers_needed" smallint NOT NULL DEFAULT '1',
                "status" text NOT NULL DEFAULT 'planned',
                "detached" boolean NOT NULL DEFAULT false,
                "external_ref" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_visit_team_external_ref" UNIQUE ("team_id", "external_ref"),
                CONSTRAINT "uq_visit_care_need_date" UNIQUE ("care_need_id", "date"),
                CONSTRAINT "ck_visit_status" CHECK ("status" IN ('planned', 'cancelled')),
                CONSTRAINT "ck_visit_window" CHECK (
                    "latest_end" >= "earliest_start" + make_interval(mins => "duration_minutes")
                ),
                CONSTRAINT "ck_visit_caregivers" CHECK (
                    "caregivers_needed" BETWEEN 1 AND 4
                ),
                CONSTRAINT "ck_visit_duration" CHECK ("duration_minutes" > 0),
                CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_visit_client_time" ON "visit" ("client_id", "earliest_start")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_visit_team_time" ON "visit" ("team_id", "earliest_start")
        `);
        await queryRunner.query(`
            CREATE TABLE "visit_pin" (
                "visit_id" uuid NOT NULL,
                "caregiver_ids" uuid array NOT NULL,
                "start" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_21086c5973f5e1cf6aca30c192d" PRIMARY KEY ("visit_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "team"
            ADD CONSTRAINT "FK_f86f7d0f12e5ce185e6813b040d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver"
            ADD CONSTRAINT "FK_49863d05c520bfc36a6876acb22" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_window"
            ADD CONSTRAINT "FK_7d6cda3bd782a42c5d9820e9443" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_pattern"
            ADD CONSTRAINT "FK_4d47bab60fd468b79325ada46f3" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_exception"
            ADD CONSTRAINT "FK_8ff4739978f602e5d20f315a0e1" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client"
            ADD CONSTRAINT "FK_230a7b5cdb4b5545ec09a31a4ef" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_caregiver_history"
            ADD CONSTRAINT "FK_0222ae8e971ef9c9e0f963d7b94" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_caregiver_history"
            ADD CONSTRAINT "FK_563c7aee98b63893f9ca5afc243" FOREIGN KEY ("caregiver_id") REFERENCES "caregiver"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need"
            ADD CONSTRAINT "FK_4d0f759b2dcad0c3fd578839837" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "FK_edda90fe933ede7584275d9de99" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "FK_854587488845748615530e161bc" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit"
            ADD CONSTRAINT "FK_69d010764402a51416d9d2d83cd" FOREIGN KEY ("care_need_id") REFERENCES "care_need"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visit_pin"
            ADD CONSTRAINT "FK_21086c5973f5e1cf6aca30c192d" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "visit_pin" DROP CONSTRAINT "FK_21086c5973f5e1cf6aca30c192d"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "FK_69d010764402a51416d9d2d83cd"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "FK_854587488845748615530e161bc"
        `);
        await queryRunner.query(`
            ALTER TABLE "visit" DROP CONSTRAINT "FK_edda90fe933ede7584275d9de99"
        `);
        await queryRunner.query(`
            ALTER TABLE "care_need" DROP CONSTRAINT "FK_4d0f759b2dcad0c3fd578839837"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_caregiver_history" DROP CONSTRAINT "FK_563c7aee98b63893f9ca5afc243"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_caregiver_history" DROP CONSTRAINT "FK_0222ae8e971ef9c9e0f963d7b94"
        `);
        await queryRunner.query(`
            ALTER TABLE "client" DROP CONSTRAINT "FK_230a7b5cdb4b5545ec09a31a4ef"
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_exception" DROP CONSTRAINT "FK_8ff4739978f602e5d20f315a0e1"
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_pattern" DROP CONSTRAINT "FK_4d47bab60fd468b79325ada46f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "availability_window" DROP CONSTRAINT "FK_7d6cda3bd782a42c5d9820e9443"
        `);
        await queryRunner.query(`
            ALTER TABLE "caregiver" DROP CONSTRAINT "FK_49863d05c520bfc36a6876acb22"
        `);
        await queryRunner.query(`
            ALTER TABLE "team" DROP CONSTRAINT "FK_f86f7d0f12e5ce185e6813b040d"
        `);
        await queryRunner.query(`
            DROP TABLE "visit_pin"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_visit_team_time"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_visit_client_time"
        `);
        await queryRunner.query(`
            DROP TABLE "visit"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4d0f759b2dcad0c3fd57883983"
        `);
        await queryRunner.query(`
            DROP TABLE "care_need"
        `);
        await queryRunner.query(`
            DROP TABLE "client_caregiver_history"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_230a7b5cdb4b5545ec09a31a4e"
        `);
        await queryRunner.query(`
            DROP TABLE "client"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_availability_exception_caregiver_time"
        `);
        await queryRunner.query(`
            DROP TABLE "availability_exception"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_availability_pattern_caregiver"
        `);
        await queryRunner.query(`
            DROP TABLE "availability_pattern"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_availability_window_caregiver_time"
        `);
        await queryRunner.query(`
            DROP TABLE "availability_window"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_49863d05c520bfc36a6876acb2"
        `);
        await queryRunner.query(`
            DROP TABLE "caregiver"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f86f7d0f12e5ce185e6813b040"
        `);
        await queryRunner.query(`
            DROP TABLE "team"
        `);
        await queryRunner.query(`
            DROP TABLE "organisation"
        `);
    }

}
