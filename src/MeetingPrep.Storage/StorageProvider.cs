namespace MeetingPrep.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
