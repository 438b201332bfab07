using Ledger.Infrastructure.Storage.Projections;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Infrastructure.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RequireCheckpointFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The delivery guard's own error in place of a division by zero (see CheckpointGuard).
            migrationBuilder.Sql(CheckpointGuard.CreateFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CheckpointGuard.DropFunction);
        }
    }
}
