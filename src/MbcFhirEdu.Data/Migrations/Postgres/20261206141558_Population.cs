using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Population : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "population_run_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    resource_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: true),
                    is_error_file = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    claim_owner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    claim_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    resources = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "population_run_partitions",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    claim_owner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    claim_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    patients = table.Column<int>(type: "integer", nullable: false),
                    entries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_partitions", x => new { x.run_id, x.partition });
                });

            migrationBuilder.CreateTable(
                name: "population_run_patients",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_patients", x => new { x.run_id, x.partition, x.patient_id });
                });

            migrationBuilder.CreateTable(
                name: "population_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    fhir_base = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    group_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<int>(type: "integer", nullable: false),
                    status_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    transaction_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    requires_access_token = table.Column<bool>(type: "boolean", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "population_snapshots",
                columns: table => new
                {
                    fhir_base = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    snapshot_json = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_snapshots", x => new { x.fhir_base, x.patient_id });
                });

            migrationBuilder.CreateTable(
                name: "population_staging",
                columns: table => new
                {
                    fhir_base = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    resource_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_staging", x => new { x.fhir_base, x.patient_id, x.resource_type, x.resource_id });
                });

            migrationBuilder.CreateTable(
                name: "worklist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fhir_base = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<int>(type: "integer", nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    evidence_json = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worklist_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_population_run_files_state",
                table: "population_run_files",
                columns: new[] { "run_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ux_population_run_files_ordinal",
                table: "population_run_files",
                columns: new[] { "run_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_population_runs_last",
                table: "population_runs",
                columns: new[] { "fhir_base", "group_id", "state", "transaction_time" });

            migrationBuilder.CreateIndex(
                name: "ux_population_runs_open_request",
                table: "population_runs",
                column: "request_key",
                unique: true,
                filter: "finished_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_worklist_entries_open",
                table: "worklist_entries",
                columns: new[] { "closed_at", "reason", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_worklist_entries_patient",
                table: "worklist_entries",
                columns: new[] { "fhir_base", "patient_id", "closed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "population_run_files");

            migrationBuilder.DropTable(
                name: "population_run_partitions");

            migrationBuilder.DropTable(
                name: "population_run_patients");

            migrationBuilder.DropTable(
                name: "population_runs");

            migrationBuilder.DropTable(
                name: "population_snapshots");

            migrationBuilder.DropTable(
                name: "population_staging");

            migrationBuilder.DropTable(
                name: "worklist_entries");
        }
    }
}
