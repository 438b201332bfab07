using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Infrastructure.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NaturalKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "natural_key",
                table: "processed_commands",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_processed_commands_natural_key",
                table: "processed_commands",
                column: "natural_key",
                unique: true,
                filter: "natural_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_processed_commands_natural_key",
                table: "processed_commands");

            migrationBuilder.DropColumn(
                name: "natural_key",
                table: "processed_commands");
        }
    }
}
