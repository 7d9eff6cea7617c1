using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MeetingPrep.Storage;

/// <summary>Stores a DateTimeOffset as UTC ticks, so SQLite can sort and compare it; it reads back as UTC.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
