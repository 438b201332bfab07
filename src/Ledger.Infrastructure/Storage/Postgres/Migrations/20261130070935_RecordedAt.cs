using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Infrastructure.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RecordedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                table: "account_ledger",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Events recorded before this column existed: their commit time is taken to be their event time.
            // The append-only guards refuse any UPDATE, so they step aside for this one and come straight back.
            migrationBuilder.Sql(PostgresStatements.DropEventGuards);
            migrationBuilder.Sql("UPDATE events SET recorded_at = occurred_at;");
            migrationBuilder.Sql(PostgresStatements.CreateEventGuards);
            migrationBuilder.Sql("UPDATE account_ledger SET recorded_at = occurred_at;");

            migrationBuilder.CreateIndex(
                name: "ix_account_ledger_amount",
                table: "account_ledger",
                column: "amount_minor");

            migrationBuilder.CreateIndex(
                name: "ix_account_ledger_recorded",
                table: "account_ledger",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_account_ledger_reference",
                table: "account_ledger",
                column: "reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_account_ledger_amount",
                table: "account_ledger");

            migrationBuilder.DropIndex(
                name: "ix_account_ledger_recorded",
                table: "account_ledger");

            migrationBuilder.DropIndex(
                name: "ix_account_ledger_reference",
                table: "account_ledger");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "events");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "account_ledger");
        }
    }
}
