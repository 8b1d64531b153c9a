namespace Carmen.Grains.Interfaces.Support;

/// <summary>Where a support ticket stands.</summary>
[GenerateSerializer, Alias("Carmen.TicketStatus")]
public enum TicketStatus
{
    /// <summary>Opened; no agent has answered yet.</summary>
    New = 0,

    /// <summary>Being worked on.</summary>
    Open = 1,

    /// <summary>Waiting for the requester; their reply opens it again.</summary>
    Pending = 2,

    /// <summary>Waiting for someone else (a vendor, a fix); only an agent moves it on.</summary>
    OnHold = 3,

    /// <summary>Answered; a reply by the requester within the reopen window opens it again.</summary>
    Solved = 4,

    /// <summary>Done for good: solved past the reopen window, or closed by an agent. Nothing changes it any more.</summary>
    Closed = 5,
}
