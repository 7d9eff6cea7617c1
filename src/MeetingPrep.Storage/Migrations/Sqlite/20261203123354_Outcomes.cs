using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meeting_outcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MeetingId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    MeetingStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Briefed = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotBriefedReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AtMeetingJson = table.Column<string>(type: "TEXT", nullable: false),
                    AfterJson = table.Column<string>(type: "TEXT", nullable: true),
                    FollowedUpAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_outcomes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_outcomes_FollowedUpAt_MeetingStart",
                table: "meeting_outcomes",
                columns: new[] { "FollowedUpAt", "MeetingStart" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_outcomes_TenantId_MeetingStart",
                table: "meeting_outcomes",
                columns: new[] { "TenantId", "MeetingStart" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_outcomes_TenantId_UserId_MeetingId",
                table: "meeting_outcomes",
                columns: new[] { "TenantId", "UserId", "MeetingId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_outcomes");
        }
    }
}
