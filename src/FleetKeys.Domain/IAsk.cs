namespace FleetKeys.Domain;

/// <summary>
/// A request another entity answers with <typeparamref name="TReply"/> or a <see cref="Rejection"/>, and nothing else: the
/// reply type is declared once, here, so the asking shell needs no guessing at what came back.
/// </summary>
public interface IAsk<TReply> : IFleetKeysMessage where TReply : class;
