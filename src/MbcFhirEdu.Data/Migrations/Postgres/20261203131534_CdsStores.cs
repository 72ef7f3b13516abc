using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CdsStores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cds_feedback",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    card = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    accepted_suggestions = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    override_reason_code = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    override_reason_system = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    user_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    outcome_timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issuer = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cds_feedback", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cds_jtis",
                columns: table => new
                {
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    issuer = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    jti = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cds_jtis", x => x.key_hash);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cds_feedback_received_at",
                table: "cds_feedback",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_cds_jtis_expires_at",
                table: "cds_jtis",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cds_feedback");

            migrationBuilder.DropTable(
                name: "cds_jtis");
        }
    }
}
