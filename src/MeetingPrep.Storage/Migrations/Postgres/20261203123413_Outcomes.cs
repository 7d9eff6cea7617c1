using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    MeetingId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    MeetingStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Briefed = table.Column<bool>(type: "boolean", nullable: false),
                    NotBriefedReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AtMeetingJson = table.Column<string>(type: "text", nullable: false),
                    AfterJson = table.Column<string>(type: "text", nullable: true),
                    FollowedUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
