using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BriefingAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "briefing_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MeetingId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    MeetingStart = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Writer = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FellBack = table.Column<bool>(type: "INTEGER", nullable: false),
                    SourcesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_briefing_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_briefing_audit_TenantId_UserId_MeetingId",
                table: "briefing_audit",
                columns: new[] { "TenantId", "UserId", "MeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_briefing_audit_TenantId_WrittenAt",
                table: "briefing_audit",
                columns: new[] { "TenantId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_briefing_audit_WrittenAt",
                table: "briefing_audit",
                column: "WrittenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefing_audit");
        }
    }
}
