using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    time = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    issuer = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issuer = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    caller = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    material_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    sender = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    token_kind = table.Column<int>(type: "INTEGER", nullable: false),
                    protected_token_session_id = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ehr_communication_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    first_opened_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "launch_states",
                columns: table => new
                {
                    state = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    protected_payload = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    used = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_launch_states", x => x.state);
                });

            migrationBuilder.CreateTable(
                name: "token_sessions",
                columns: table => new
                {
                    id_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    protected_payload = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_sessions", x => x.id_hash);
                });

            migrationBuilder.CreateTable(
                name: "delivery_views",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    viewed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_views", x => x.id);
                    table.ForeignKey(
                        name: "FK_delivery_views_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_time",
                table: "audit_events",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_due",
                table: "deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_patient",
                table: "deliveries",
                columns: new[] { "issuer", "patient_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_deliveries_idempotency",
                table: "deliveries",
                columns: new[] { "issuer", "caller", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delivery_views_delivery_id",
                table: "delivery_views",
                column: "delivery_id");

            migrationBuilder.CreateIndex(
                name: "IX_launch_states_expires_at",
                table: "launch_states",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_token_sessions_expires_at",
                table: "token_sessions",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "delivery_views");

            migrationBuilder.DropTable(
                name: "launch_states");

            migrationBuilder.DropTable(
                name: "token_sessions");

            migrationBuilder.DropTable(
                name: "deliveries");
        }
    }
}
