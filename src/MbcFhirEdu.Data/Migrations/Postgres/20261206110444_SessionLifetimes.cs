using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionLifetimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Session keys are derived differently from this version on (a server-issued browser key that rotates at
            // every login): existing rows could never be found again, so they are ended here (everyone signs in once more).
            migrationBuilder.Sql("DELETE FROM token_sessions;");

            migrationBuilder.AddColumn<string>(
                name: "browser_hash",
                table: "token_sessions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "created_at",
                table: "token_sessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "idle_expires_at",
                table: "token_sessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateIndex(
                name: "IX_token_sessions_browser_hash",
                table: "token_sessions",
                column: "browser_hash");

            migrationBuilder.CreateIndex(
                name: "IX_token_sessions_idle_expires_at",
                table: "token_sessions",
                column: "idle_expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_sessions_browser_hash",
                table: "token_sessions");

            migrationBuilder.DropIndex(
                name: "IX_token_sessions_idle_expires_at",
                table: "token_sessions");

            migrationBuilder.DropColumn(
                name: "browser_hash",
                table: "token_sessions");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "token_sessions");

            migrationBuilder.DropColumn(
                name: "idle_expires_at",
                table: "token_sessions");
        }
    }
}
