using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "briefing_deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "briefing_deliveries",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetryAt",
                table: "briefing_deliveries",
                type: "INTEGER",
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
