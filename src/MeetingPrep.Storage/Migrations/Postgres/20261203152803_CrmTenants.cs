using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrmTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_opportunities",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_notes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_metric_series",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_metric_points",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_contacts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "crm_accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_opportunities");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_notes");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_metric_series");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_metric_points");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_contacts");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_cases");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "crm_accounts");
        }
    }
}
