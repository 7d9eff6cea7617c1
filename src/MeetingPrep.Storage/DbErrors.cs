using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeetingPrep.Storage;

/// <summary>What a failed write means, per provider.</summary>
internal static class DbErrors
{
    // SQLite's extended result codes for a primary key and a unique index that already hold the value.
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when the write lost a race to an insert of the same key (SQLite constraint primary key/unique, PostgreSQL
    /// 23505). Anything else (a locked database, I/O, a dropped connection) is a real failure, never "someone else won".
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
