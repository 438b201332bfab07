using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Infrastructure.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The default of events.position: assigned under the append lock, gap-free (see PostgresStatements).
            migrationBuilder.Sql(PostgresStatements.CreatePositionFunction);

            migrationBuilder.CreateTable(
                name: "account_balances",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    holder_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    balance_minor = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_balances", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "account_ledger",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    balance_after_minor = table.Column<long>(type: "bigint", nullable: false),
                    status_after = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    counterparty_account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_ledger", x => new { x.account_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "events_next_position()"),
                    stream_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    stream_version = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    schema_version = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "processed_commands",
                columns: table => new
                {
                    command_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    command_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    result = table.Column<string>(type: "text", nullable: false),
                    natural_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_commands", x => x.command_id);
                });

            migrationBuilder.CreateTable(
                name: "projection_checkpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projection_checkpoints", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    stream_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    stream_version = table.Column<long>(type: "bigint", nullable: false),
                    schema_version = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshots", x => x.stream_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_balances_currency_balance",
                table: "account_balances",
                columns: new[] { "currency", "balance_minor" });

            migrationBuilder.CreateIndex(
                name: "ix_account_balances_holder_name",
                table: "account_balances",
                column: "holder_name");

            migrationBuilder.CreateIndex(
                name: "ix_account_balances_last_updated",
                table: "account_balances",
                column: "last_updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_account_ledger_account_time",
                table: "account_ledger",
                columns: new[] { "account_id", "occurred_at", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_events_occurred_at",
                table: "events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_events_type_position",
                table: "events",
                columns: new[] { "event_type", "position" });

            migrationBuilder.CreateIndex(
                name: "ux_events_event_id",
                table: "events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_events_stream_version",
                table: "events",
                columns: new[] { "stream_id", "stream_version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_processed_commands_natural_key",
                table: "processed_commands",
                column: "natural_key",
                unique: true,
                filter: "natural_key IS NOT NULL");

            // Append-only and gap-free streams are enforced by the database, not by convention.
            migrationBuilder.Sql(PostgresStatements.CreateEventGuards);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresStatements.DropEventGuards);

            migrationBuilder.DropTable(
                name: "account_balances");

            migrationBuilder.DropTable(
                name: "account_ledger");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "processed_commands");

            migrationBuilder.DropTable(
                name: "projection_checkpoints");

            migrationBuilder.DropTable(
                name: "snapshots");

            migrationBuilder.Sql(PostgresStatements.DropPositionFunction);
        }
    }
}
