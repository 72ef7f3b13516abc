using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MbcFhirEdu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SenderName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sender_name",
                table: "deliveries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sender_name",
                table: "deliveries");
        }
    }
}
