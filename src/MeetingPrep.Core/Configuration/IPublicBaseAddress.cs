namespace MeetingPrep.Core.Configuration;

/// <summary>
/// Where people reach this service, for links to its own pages (citations of built-in CRM records): the configured
/// address, else the one the request being served was sent to, else the address the server listens on.
/// </summary>
public interface IPublicBaseAddress
{
    Uri Current { get; }
}
