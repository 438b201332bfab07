using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Infrastructure.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NotifyOnCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Wake-ups for the other instances: a commit of events, a checkpoint move (see Coordination).
            migrationBuilder.Sql(Coordination.CreateNotifyTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Coordination.DropNotifyTriggers);
        }
    }
}
