namespace MeetingPrep.Web.Hosting;

/// <summary>One options class bound from a configuration section and validated on start; the app lists them all.</summary>
public sealed record SettingsSection(Type OptionsType, string Name);
