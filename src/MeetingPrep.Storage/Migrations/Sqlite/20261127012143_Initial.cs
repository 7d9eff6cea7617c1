using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingPrep.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "briefing_deliveries",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MeetingId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    MeetingStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_briefing_deliveries", x => new { x.TenantId, x.UserId, x.MeetingId, x.MeetingStart });
                });

            migrationBuilder.CreateTable(
                name: "calendar_sync_states",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    DeltaLink = table.Column<string>(type: "TEXT", nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    WindowEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_sync_states", x => new { x.TenantId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "change_subscriptions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Expires = table.Column<long>(type: "INTEGER", nullable: false),
                    RenewedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_references",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TeamsUserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UserObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    UserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IsUsable = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_references", x => new { x.TenantId, x.ConversationId });
                });

            migrationBuilder.CreateTable(
                name: "crm_accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    DomainNormalized = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OwnerEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MeetingId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recipe_patches",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_patches", x => new { x.TenantId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "crm_cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsEscalated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Opened = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedByEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_cases_crm_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "crm_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_contacts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    EmailNormalized = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_contacts_crm_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "crm_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_metric_series",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HigherIsBetter = table.Column<bool>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_metric_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_metric_series_crm_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "crm_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_notes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_notes_crm_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "crm_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_opportunities",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CloseDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastActivity = table.Column<long>(type: "INTEGER", nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastModified = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_opportunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_opportunities_crm_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "crm_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_metric_points",
                columns: table => new
                {
                    SeriesId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_metric_points", x => new { x.SeriesId, x.Period });
                    table.ForeignKey(
                        name: "FK_crm_metric_points_crm_metric_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "crm_metric_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_briefing_deliveries_UpdatedAt",
                table: "briefing_deliveries",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_change_subscriptions_Expires",
                table: "change_subscriptions",
                column: "Expires");

            migrationBuilder.CreateIndex(
                name: "IX_change_subscriptions_TenantId_UserId_Resource",
                table: "change_subscriptions",
                columns: new[] { "TenantId", "UserId", "Resource" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversation_references_TenantId_UserObjectId",
                table: "conversation_references",
                columns: new[] { "TenantId", "UserObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_accounts_DomainNormalized",
                table: "crm_accounts",
                column: "DomainNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_crm_cases_AccountId_IsOpen",
                table: "crm_cases",
                columns: new[] { "AccountId", "IsOpen" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_contacts_AccountId",
                table: "crm_contacts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_crm_contacts_EmailNormalized",
                table: "crm_contacts",
                column: "EmailNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_crm_metric_series_AccountId",
                table: "crm_metric_series",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_crm_notes_AccountId_Created",
                table: "crm_notes",
                columns: new[] { "AccountId", "Created" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_opportunities_AccountId_IsClosed",
                table: "crm_opportunities",
                columns: new[] { "AccountId", "IsClosed" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId_UserId_Kind",
                table: "feedback",
                columns: new[] { "TenantId", "UserId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefing_deliveries");

            migrationBuilder.DropTable(
                name: "calendar_sync_states");

            migrationBuilder.DropTable(
                name: "change_subscriptions");

            migrationBuilder.DropTable(
                name: "conversation_references");

            migrationBuilder.DropTable(
                name: "crm_cases");

            migrationBuilder.DropTable(
                name: "crm_contacts");

            migrationBuilder.DropTable(
                name: "crm_metric_points");

            migrationBuilder.DropTable(
                name: "crm_notes");

            migrationBuilder.DropTable(
                name: "crm_opportunities");

            migrationBuilder.DropTable(
                name: "feedback");

            migrationBuilder.DropTable(
                name: "recipe_patches");

            migrationBuilder.DropTable(
                name: "crm_metric_series");

            migrationBuilder.DropTable(
                name: "crm_accounts");
        }
    }
}
