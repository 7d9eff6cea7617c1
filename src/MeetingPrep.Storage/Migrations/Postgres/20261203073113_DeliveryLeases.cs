using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveryLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivityId",
                table: "briefing_deliveries",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseExpiresAt",
                table: "briefing_deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "briefing_deliveries",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetryAt",
                table: "briefing_deliveries",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivityId",
                table: "briefing_deliveries");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "briefing_deliveries");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "briefing_deliveries");

            migrationBuilder.DropColumn(
                name: "RetryAt",
                table: "briefing_deliveries");
        }
    }
}
