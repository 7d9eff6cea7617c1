namespace MeetingPrep.Connectors.Graph;

public enum GraphAuthMode
{
    /// <summary>Client credentials; scope mailbox access with RBAC for Applications.</summary>
    Application,

    /// <summary>On-behalf-of the signed-in user (Outlook pane, chat).</summary>
    Delegated,
}
