using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeedbackRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceId",
                table: "feedback",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKind",
                table: "feedback",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceTitle",
                table: "feedback",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceVersion",
                table: "feedback",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "feedback");

            migrationBuilder.DropColumn(
                name: "SourceKind",
                table: "feedback");

            migrationBuilder.DropColumn(
                name: "SourceTitle",
                table: "feedback");

            migrationBuilder.DropColumn(
                name: "SourceVersion",
                table: "feedback");
        }
    }
}
