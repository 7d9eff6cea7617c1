using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrmTenantKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tables are rebuilt (SQLite cannot change a primary key in place), each child copied while its parent still
            // has the old key: foreign keys are off until every table is rebuilt (EF turns them back on after).
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);

            migrationBuilder.DropForeignKey(
                name: "FK_crm_cases_crm_accounts_AccountId",
                table: "crm_cases");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_contacts_crm_accounts_AccountId",
                table: "crm_contacts");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_metric_points_crm_metric_series_SeriesId",
                table: "crm_metric_points");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_metric_series_crm_accounts_AccountId",
                table: "crm_metric_series");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_notes_crm_accounts_AccountId",
                table: "crm_notes");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_opportunities_crm_accounts_AccountId",
                table: "crm_opportunities");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_opportunities",
                table: "crm_opportunities");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_notes",
                table: "crm_notes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_metric_series",
                table: "crm_metric_series");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_metric_points",
                table: "crm_metric_points");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_contacts",
                table: "crm_contacts");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_cases",
                table: "crm_cases");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_accounts",
                table: "crm_accounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_opportunities",
                table: "crm_opportunities",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_notes",
                table: "crm_notes",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_metric_series",
                table: "crm_metric_series",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_metric_points",
                table: "crm_metric_points",
                columns: new[] { "TenantId", "SeriesId", "Period" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_contacts",
                table: "crm_contacts",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_cases",
                table: "crm_cases",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_accounts",
                table: "crm_accounts",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_opportunities_TenantId_AccountId",
                table: "crm_opportunities",
                columns: new[] { "TenantId", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_notes_TenantId_AccountId",
                table: "crm_notes",
                columns: new[] { "TenantId", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_metric_series_TenantId_AccountId",
                table: "crm_metric_series",
                columns: new[] { "TenantId", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_contacts_TenantId_AccountId",
                table: "crm_contacts",
                columns: new[] { "TenantId", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_cases_TenantId_AccountId",
                table: "crm_cases",
                columns: new[] { "TenantId", "AccountId" });

            migrationBuilder.AddForeignKey(
                name: "FK_crm_cases_crm_accounts_TenantId_AccountId",
                table: "crm_cases",
                columns: new[] { "TenantId", "AccountId" },
                principalTable: "crm_accounts",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_contacts_crm_accounts_TenantId_AccountId",
                table: "crm_contacts",
                columns: new[] { "TenantId", "AccountId" },
                principalTable: "crm_accounts",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_metric_points_crm_metric_series_TenantId_SeriesId",
                table: "crm_metric_points",
                columns: new[] { "TenantId", "SeriesId" },
                principalTable: "crm_metric_series",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_metric_series_crm_accounts_TenantId_AccountId",
                table: "crm_metric_series",
                columns: new[] { "TenantId", "AccountId" },
                principalTable: "crm_accounts",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_notes_crm_accounts_TenantId_AccountId",
                table: "crm_notes",
                columns: new[] { "TenantId", "AccountId" },
                principalTable: "crm_accounts",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_opportunities_crm_accounts_TenantId_AccountId",
                table: "crm_opportunities",
                columns: new[] { "TenantId", "AccountId" },
                principalTable: "crm_accounts",
                principalColumns: new[] { "TenantId", "Id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tables are rebuilt (SQLite cannot change a primary key in place), each child copied while its parent still
            // has the old key: foreign keys are off until every table is rebuilt (EF turns them back on after).
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);

            migrationBuilder.DropForeignKey(
                name: "FK_crm_cases_crm_accounts_TenantId_AccountId",
                table: "crm_cases");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_contacts_crm_accounts_TenantId_AccountId",
                table: "crm_contacts");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_metric_points_crm_metric_series_TenantId_SeriesId",
                table: "crm_metric_points");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_metric_series_crm_accounts_TenantId_AccountId",
                table: "crm_metric_series");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_notes_crm_accounts_TenantId_AccountId",
                table: "crm_notes");

            migrationBuilder.DropForeignKey(
                name: "FK_crm_opportunities_crm_accounts_TenantId_AccountId",
                table: "crm_opportunities");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_opportunities",
                table: "crm_opportunities");

            migrationBuilder.DropIndex(
                name: "IX_crm_opportunities_TenantId_AccountId",
                table: "crm_opportunities");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_notes",
                table: "crm_notes");

            migrationBuilder.DropIndex(
                name: "IX_crm_notes_TenantId_AccountId",
                table: "crm_notes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_metric_series",
                table: "crm_metric_series");

            migrationBuilder.DropIndex(
                name: "IX_crm_metric_series_TenantId_AccountId",
                table: "crm_metric_series");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_metric_points",
                table: "crm_metric_points");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_contacts",
                table: "crm_contacts");

            migrationBuilder.DropIndex(
                name: "IX_crm_contacts_TenantId_AccountId",
                table: "crm_contacts");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_cases",
                table: "crm_cases");

            migrationBuilder.DropIndex(
                name: "IX_crm_cases_TenantId_AccountId",
                table: "crm_cases");

            migrationBuilder.DropPrimaryKey(
                name: "PK_crm_accounts",
                table: "crm_accounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_opportunities",
                table: "crm_opportunities",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_notes",
                table: "crm_notes",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_metric_series",
                table: "crm_metric_series",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_metric_points",
                table: "crm_metric_points",
                columns: new[] { "SeriesId", "Period" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_contacts",
                table: "crm_contacts",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_cases",
                table: "crm_cases",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_crm_accounts",
                table: "crm_accounts",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_crm_cases_crm_accounts_AccountId",
                table: "crm_cases",
                column: "AccountId",
                principalTable: "crm_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_contacts_crm_accounts_AccountId",
                table: "crm_contacts",
                column: "AccountId",
                principalTable: "crm_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_metric_points_crm_metric_series_SeriesId",
                table: "crm_metric_points",
                column: "SeriesId",
                principalTable: "crm_metric_series",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_metric_series_crm_accounts_AccountId",
                table: "crm_metric_series",
                column: "AccountId",
                principalTable: "crm_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_notes_crm_accounts_AccountId",
                table: "crm_notes",
                column: "AccountId",
                principalTable: "crm_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_crm_opportunities_crm_accounts_AccountId",
                table: "crm_opportunities",
                column: "AccountId",
                principalTable: "crm_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
