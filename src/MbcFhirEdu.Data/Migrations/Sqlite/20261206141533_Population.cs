using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: true),
                    is_error_file = table.Column<bool>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    claim_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    resources = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "population_run_partitions",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partition = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    claim_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    patients = table.Column<int>(type: "INTEGER", nullable: false),
                    entries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_partitions", x => new { x.run_id, x.partition });
                });

            migrationBuilder.CreateTable(
                name: "population_run_patients",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    partition = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_run_patients", x => new { x.run_id, x.partition, x.patient_id });
                });

            migrationBuilder.CreateTable(
                name: "population_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    fhir_base = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    group_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    since = table.Column<long>(type: "INTEGER", nullable: true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    status_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    transaction_time = table.Column<long>(type: "INTEGER", nullable: true),
                    requires_access_token = table.Column<bool>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "population_snapshots",
                columns: table => new
                {
                    fhir_base = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    snapshot_json = table.Column<string>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_snapshots", x => new { x.fhir_base, x.patient_id });
                });

            migrationBuilder.CreateTable(
                name: "population_staging",
                columns: table => new
                {
                    fhir_base = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    partition = table.Column<int>(type: "INTEGER", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    last_updated = table.Column<long>(type: "INTEGER", nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population_staging", x => new { x.fhir_base, x.patient_id, x.resource_type, x.resource_id });
                });

            migrationBuilder.CreateTable(
                name: "worklist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fhir_base = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reason = table.Column<int>(type: "INTEGER", nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    evidence_json = table.Column<string>(type: "TEXT", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
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
