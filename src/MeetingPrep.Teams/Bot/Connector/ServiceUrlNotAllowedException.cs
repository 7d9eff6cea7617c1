namespace MeetingPrep.Teams.Bot.Connector;

public sealed class ServiceUrlNotAllowedException(string host)
    : Exception($"The service URL host '{host}' is not on Bot:AllowedServiceUrlHosts; nothing is sent there.")
{
    public string Host { get; } = host;
}
