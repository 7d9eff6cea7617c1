using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendarMirror : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_mirror_events",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    MeetingJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_mirror_events", x => new { x.TenantId, x.UserId, x.EventId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_mirror_events_TenantId_UserId_Start",
                table: "calendar_mirror_events",
                columns: new[] { "TenantId", "UserId", "Start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_mirror_events");
        }
    }
}
